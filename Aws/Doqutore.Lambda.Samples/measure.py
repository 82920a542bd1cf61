"""Cold start and warm invoke latency of published bootstrap variants through the emulator (boto3 client).

Usage: python3 measure.py ENDPOINT DIR... where each DIR holds a function.zip, e.g.
  dotnet publish Aws/Doqutore.Lambda.Samples/Echo -c Release -r linux-x64 -o /tmp/variants/r2r-trim
  doqutore emulator --port 4599 &
  python3 Aws/Doqutore.Lambda.Samples/measure.py http://127.0.0.1:4599 /tmp/variants/r2r-trim
For each DIR: 5 new functions, the first invoke of each timed at the client and its REPORT line's Init Duration
read from CloudWatch Logs; then 300 warm invokes of one function (after 20 unmeasured).
"""
import boto3, json, re, sys, time, statistics, uuid
from botocore.config import Config

endpoint = sys.argv[1]
variants = sys.argv[2:]
cfg = Config(retries={"max_attempts": 0}, read_timeout=120)
kw = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test", config=cfg)
iam, lam, logs = boto3.client("iam", **kw), boto3.client("lambda", **kw), boto3.client("logs", **kw)
role = "measure-echo"
try:
    iam.create_role(RoleName=role, AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))
except iam.exceptions.EntityAlreadyExistsException:
    pass
arn = f"arn:aws:iam::000000000000:role/{role}"

def pct(values, p):
    s = sorted(values); return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]

for variant in variants:
    zip_bytes = open(f"{variant}/function.zip", "rb").read()
    colds, inits = [], []
    for i in range(5):
        name = f"measure-{uuid.uuid4().hex[:12]}"
        lam.create_function(FunctionName=name, Runtime="provided.al2023", Handler="bootstrap", Role=arn, Code={"ZipFile": zip_bytes}, Timeout=10, MemorySize=256)
        t = time.perf_counter(); r = lam.invoke(FunctionName=name, Payload=b'{"x":1}'); colds.append((time.perf_counter() - t) * 1000)
        assert "FunctionError" not in r, r["Payload"].read()
        if i == 0:
            warm = []
            for _ in range(20):
                lam.invoke(FunctionName=name, Payload=b'{"x":1}')
            for _ in range(300):
                t = time.perf_counter(); lam.invoke(FunctionName=name, Payload=b'{"x":1}'); warm.append((time.perf_counter() - t) * 1000)
        for _ in range(50):
            ev = logs.filter_log_events(logGroupName=f"/aws/lambda/{name}", filterPattern="REPORT")["events"]
            m = [re.search(r"Init Duration: ([\d.]+) ms", e["message"]) for e in ev]
            m = [x for x in m if x]
            if m:
                inits.append(float(m[0].group(1))); break
            time.sleep(0.1)
        lam.delete_function(FunctionName=name)
    print(f"{variant}: zip {len(zip_bytes)/1e6:.1f} MB; cold invoke ms p50 {statistics.median(colds):.0f} (min {min(colds):.0f}, max {max(colds):.0f}, n={len(colds)}); "
          f"Init Duration ms median {statistics.median(inits) if inits else float('nan'):.0f}; warm invoke ms p50 {pct(warm,50):.2f} p99 {pct(warm,99):.2f} (n={len(warm)})")
