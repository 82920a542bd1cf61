# Cold start and warm Invoke latency of a bootstrap function through the emulator, measured with boto3 (whose own
# overhead per call is part of the figure; the "floor" line measures it against GetFunctionConfiguration).
import io, json, statistics, sys, time, zipfile, boto3
from botocore.config import Config

url, runs, warm = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
root = dict(endpoint_url=url, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test",
            config=Config(retries={"max_attempts": 1}))
iam, lam = boto3.client("iam", **root), boto3.client("lambda", **root)
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as z:
    info = zipfile.ZipInfo("bootstrap"); info.external_attr = 0o755 << 16
    z.writestr(info, open(sys.argv[4]).read())
run = str(int(time.time()))
role = iam.create_role(RoleName="bench-" + run, AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))["Role"]["Arn"]
name = "bench-" + run
lam.create_function(FunctionName=name, Runtime="provided.al2023", Handler="x", Role=role, Code={"ZipFile": buf.getvalue()})

def ms(f):
    t = time.perf_counter(); f(); return (time.perf_counter() - t) * 1000

def pct(xs, p):
    xs = sorted(xs); return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]

cold = []
for i in range(runs):
    # A configuration change retires the warm environment: the next invoke starts a new process.
    lam.update_function_configuration(FunctionName=name, Description=str(i))
    cold.append(ms(lambda: lam.invoke(FunctionName=name, Payload=b'{"n":1}')))
for _ in range(50):
    lam.invoke(FunctionName=name, Payload=b'{"n":1}')
hot = [ms(lambda: lam.invoke(FunctionName=name, Payload=b'{"n":1}')) for _ in range(warm)]
floor = [ms(lambda: lam.get_function_configuration(FunctionName=name)) for _ in range(warm)]
print(f"cold start invoke ({runs} runs): min {min(cold):.1f} ms, median {statistics.median(cold):.1f} ms, max {max(cold):.1f} ms")
print(f"warm invoke ({warm} calls): p50 {pct(hot, 50):.2f} ms, p99 {pct(hot, 99):.2f} ms")
print(f"client+gateway floor, GetFunctionConfiguration ({warm} calls): p50 {pct(floor, 50):.2f} ms, p99 {pct(floor, 99):.2f} ms")
