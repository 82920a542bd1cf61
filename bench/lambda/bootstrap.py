#!/usr/bin/env python3
# A minimal custom runtime: one keep-alive connection to the Runtime API, echoing each event. It stands for a fast
# runtime (our C# bootstrap keeps its connection the same way), so the warm figure measures the emulator's path.
import http.client, os
host, _, prefix = os.environ["AWS_LAMBDA_RUNTIME_API"].partition("/")
conn = http.client.HTTPConnection(host)
base = "/" + prefix + "/2018-06-01/runtime/invocation/"
while True:
    conn.request("GET", base + "next")
    r = conn.getresponse()
    event, rid = r.read(), r.getheader("Lambda-Runtime-Aws-Request-Id")
    conn.request("POST", base + rid + "/response", body=event)
    conn.getresponse().read()
