# Cold start and warm Invoke latency of a bootstrap function through the emulator, measured with boto3 (whose own
# overhead per call is part of the figure; the "floor" line measures it against GetFunctionConfiguration).
import io, json, os, statistics, sys, time, zipfile, boto3
from botocore.config import Config

url, runs, warm = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
root = dict(endpoint_url=url, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test",
            config=Config(retries={"max_attempts": 1}))
iam, lam = boto3.client("iam", **root), boto3.client("lambda", **root)
# The package: a bootstrap file, a directory (zipped with its files' modes, e.g. a published C# bootstrap) or a zip.
source = sys.argv[4]
if source.endswith(".zip"):
    package = open(source, "rb").read()
else:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        files = [(source, "bootstrap")] if os.path.isfile(source) else [
            (os.path.join(d, f), os.path.relpath(os.path.join(d, f), source)) for d, _, fs in os.walk(source) for f in fs]
        for path, arcname in files:
            info = zipfile.ZipInfo(arcname); info.external_attr = (os.stat(path).st_mode & 0o777 | 0o100000) << 16
            z.writestr(info, open(path, "rb").read())
    package = buf.getvalue()
run = str(int(time.time()))
role = iam.create_role(RoleName="bench-" + run, AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))["Role"]["Arn"]
name = "bench-" + run
lam.create_function(FunctionName=name, Runtime="provided.al2023", Handler="x", Role=role, Code={"ZipFile": package})

def ms(f):
    t = time.perf_counter(); f(); return (time.perf_counter() - t) * 1000

def pct(xs, p):
    xs = sorted(xs); return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]

first = lam.invoke(FunctionName=name, Payload=b'{"n":1}')
if "FunctionError" in first:
    sys.exit(f"the function failed: {first['Payload'].read().decode()}")

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
