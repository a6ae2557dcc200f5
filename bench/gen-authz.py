#!/usr/bin/env python3
"""Writes a synthetic `aws iam get-account-authorization-details` dump for the scale benchmark.

    bench/gen-authz.py --roles R [--users U] [--groups G] [--policies P] [--seed N] > dump.json

The policy documents are the AWS managed policies of the corpus (../shared/corpus/aws-managed by
default, --corpus to change), re-used as customer managed and inline policies. Deterministic for
a given seed and corpus. The shape is what makes the principal phase work:
  - --sagemaker-share of the roles (default 0.25) trust sagemaker.amazonaws.com (execution roles),
    the others ec2 or lambda;
  - --passer-share of the roles and users (default 0.05) hold an inline policy that may pass any
    role to SageMaker and create training jobs and notebooks (the subjects SL503 relates to every
    SageMaker-trusting role);
  - every role, user and group has 1-3 customer managed policies (from a pool of P, so each is
    shared by many principals), one inline policy in three, a user 1-2 groups, a role in ten a
    permissions boundary.
Defaults: U = R / 4, G = max(1, R / 50), P = max(10, R / 10).
"""
import argparse
import json
import os
import random
import sys
import urllib.parse


def load_corpus(path):
    docs = []
    for name in sorted(os.listdir(path)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(path, name), encoding="utf-8") as f:
            try:
                doc = json.load(f)
            except ValueError:
                continue
        if isinstance(doc, dict) and "Statement" in doc:
            docs.append((name[:-5], doc))
    if not docs:
        sys.exit(f"gen-authz: no policies in {path}")
    return docs


def trust(service):
    return {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}],
    }


PASSER = {
    "Version": "2012-10-17",
    "Statement": [
        {"Sid": "PassAnyRole", "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"},
        {
            "Sid": "RunJobs",
            "Effect": "Allow",
            "Action": [
                "sagemaker:CreateTrainingJob",
                "sagemaker:CreateNotebookInstance",
                "sagemaker:CreatePresignedNotebookInstanceUrl",
                "sagemaker:Describe*",
            ],
            "Resource": "*",
        },
    ],
}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--roles", type=int, required=True)
    ap.add_argument("--users", type=int)
    ap.add_argument("--groups", type=int)
    ap.add_argument("--policies", type=int)
    ap.add_argument("--sagemaker-share", type=float, default=0.25)
    ap.add_argument("--passer-share", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--encoded", action="store_true", help="documents as URL-encoded strings (the raw API)")
    ap.add_argument("--corpus", default=os.path.join(here, "..", "..", "shared", "corpus", "aws-managed"))
    a = ap.parse_args()
    users = a.users if a.users is not None else a.roles // 4
    groups = a.groups if a.groups is not None else max(1, a.roles // 50)
    npol = a.policies if a.policies is not None else max(10, a.roles // 10)
    rnd = random.Random(a.seed)
    corpus = load_corpus(a.corpus)
    account = "111122223333"

    def doc(d):
        return urllib.parse.quote(json.dumps(d, separators=(",", ":"))) if a.encoded else d

    policies = []
    for i in range(npol):
        src_name, src = corpus[rnd.randrange(len(corpus))]
        name = f"cm-{i:05d}-{src_name}"[:128]
        policies.append({
            "PolicyName": name,
            "PolicyId": f"ANPA{i:017d}",
            "Arn": f"arn:aws:iam::{account}:policy/{name}",
            "Path": "/",
            "DefaultVersionId": "v1",
            "AttachmentCount": 0,
            "IsAttachable": True,
            "PolicyVersionList": [{"Document": doc(src), "VersionId": "v1", "IsDefaultVersion": True}],
        })

    def attached():
        picks = rnd.sample(range(npol), k=min(npol, rnd.randint(1, 3)))
        out = []
        for p in picks:
            policies[p]["AttachmentCount"] += 1
            out.append({"PolicyName": policies[p]["PolicyName"], "PolicyArn": policies[p]["Arn"]})
        return out

    def inline(i, passer):
        if passer:
            return [{"PolicyName": "pass-and-run", "PolicyDocument": doc(PASSER)}]
        if i % 3:
            return []
        src_name, src = corpus[rnd.randrange(len(corpus))]
        return [{"PolicyName": f"inline-{src_name}"[:128], "PolicyDocument": doc(src)}]

    group_list = []
    for g in range(groups):
        name = f"group-{g:05d}"
        group_list.append({
            "Path": "/", "GroupName": name, "GroupId": f"AGPA{g:017d}",
            "Arn": f"arn:aws:iam::{account}:group/{name}",
            "GroupPolicyList": inline(g, False), "AttachedManagedPolicies": attached(),
        })

    role_list = []
    for r in range(a.roles):
        name = f"role-{r:06d}"
        service = ("sagemaker.amazonaws.com" if rnd.random() < a.sagemaker_share
                   else rnd.choice(["ec2.amazonaws.com", "lambda.amazonaws.com"]))
        passer = rnd.random() < a.passer_share
        entry = {
            "Path": "/", "RoleName": name, "RoleId": f"AROA{r:017d}",
            "Arn": f"arn:aws:iam::{account}:role/{name}",
            "AssumeRolePolicyDocument": doc(trust(service)),
            "RolePolicyList": inline(r, passer), "AttachedManagedPolicies": attached(),
        }
        if r % 10 == 9:
            entry["PermissionsBoundary"] = {"PermissionsBoundaryType": "Policy",
                                            "PermissionsBoundaryArn": policies[r % npol]["Arn"]}
        role_list.append(entry)

    user_list = []
    for u in range(users):
        name = f"user-{u:06d}"
        passer = rnd.random() < a.passer_share
        user_list.append({
            "Path": "/", "UserName": name, "UserId": f"AIDA{u:017d}",
            "Arn": f"arn:aws:iam::{account}:user/{name}",
            "GroupList": [group_list[g]["GroupName"] for g in rnd.sample(range(groups), k=min(groups, rnd.randint(1, 2)))],
            "UserPolicyList": inline(u, passer), "AttachedManagedPolicies": attached(),
        })

    out = {"UserDetailList": user_list, "GroupDetailList": group_list, "RoleDetailList": role_list,
           "Policies": policies}
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
