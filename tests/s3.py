"""A bucket on the tests' S3 server (moto's, on loopback), readable by anyone as an operator's bucket policy makes
it (docs/deploy.md, "Object storage")."""

import json

import boto3

KEYS = {"aws_access_key_id": "test-key", "aws_secret_access_key": "test-secret", "region_name": "us-east-1"}


def public_bucket(endpoint: str, name: str):
    """Creates bucket ``name`` with a public-read policy; returns a client for it."""
    client = boto3.client("s3", endpoint_url=endpoint, **KEYS)
    client.create_bucket(Bucket=name)
    public_read = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{name}/*"}
        ],
    }
    client.put_bucket_policy(Bucket=name, Policy=json.dumps(public_read))
    return client


def stored_keys(client, name: str) -> list[str]:
    listing = client.list_objects_v2(Bucket=name)
    return sorted(item["Key"] for item in listing.get("Contents", []))
