#!/usr/bin/env python3
"""An authorization dump with one role whose inline policy, URL-encoded as the AWS CLI prints it,
has N statements taken from the AWS managed corpus (issue 12, item 3: SL020 on embedded
documents read the whole encoded string once per node of the policy).

    bench/gen-encoded-inline.py --statements 800 --corpus ../shared/corpus/aws-managed > dump.json
"""
import argparse
import json
import os
import urllib.parse


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--statements", type=int, default=800)
    ap.add_argument("--corpus", required=True)
    args = ap.parse_args()
    stmts = []
    for name in sorted(os.listdir(args.corpus)):
        if not name.endswith(".json"):
            continue
        s = json.load(open(os.path.join(args.corpus, name), "rb")).get("Statement", [])
        stmts += s if isinstance(s, list) else [s]
        if len(stmts) >= args.statements:
            break
    policy = {"Version": "2012-10-17", "Statement": stmts[: args.statements]}
    role = {
        "Path": "/", "RoleName": "bench-role", "RoleId": "AROABENCHENCODED0001",
        "Arn": "arn:aws:iam::111122223333:role/bench-role", "CreateDate": "2024-01-01T00:00:00+00:00",
        "AssumeRolePolicyDocument": urllib.parse.quote(json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "sagemaker.amazonaws.com"}, "Action": "sts:AssumeRole"}]}), safe=""),
        "InstanceProfileList": [],
        "RolePolicyList": [{"PolicyName": "bench", "PolicyDocument": urllib.parse.quote(json.dumps(policy), safe="")}],
        "AttachedManagedPolicies": [], "Tags": [], "RoleLastUsed": {},
    }
    print(json.dumps({"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": [role], "Policies": []}, indent=2))


if __name__ == "__main__":
    main()
