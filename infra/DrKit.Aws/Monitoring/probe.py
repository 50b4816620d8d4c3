"""DrKit freshness probe: reads, in its own region, how old the newest backup of each source is and how long
each GPU capacity reservation has left, and publishes both as CloudWatch metrics the stack's alarms watch.

The configuration comes from the DRKIT_PROBE environment variable (JSON), written by the stack:
{"stack": "...", "namespace": "DrKit", "unlimited": 31536000,
 "sources": [{"component": "...", "kind": "rds-backup|wal-archive|reservation", "id": "...", "prefix": "..."}]}
A source that cannot be read publishes nothing, so its alarm (missing data breaches) fires.
"""
import json
import os
from datetime import datetime, timezone

import boto3

BACKUP_AGE = "BackupAgeSeconds"
RESERVATION_EXPIRY = "ReservationSecondsToExpiry"


def rds_backup_latest(rds, arn):
    """Newest restorable time of a replicated RDS automated backup (RestoreWindow.LatestTime)."""
    backups = rds.describe_db_instance_automated_backups(DBInstanceAutomatedBackupsArn=arn)
    times = [b["RestoreWindow"]["LatestTime"] for b in backups["DBInstanceAutomatedBackups"] if "LatestTime" in b.get("RestoreWindow", {})]
    return max(times) if times else None


def wal_archive_latest(s3, bucket, prefix):
    """Last-modified time of the newest object under the WAL prefix (never the whole bucket)."""
    newest = None
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for item in page.get("Contents", []):
            if newest is None or item["LastModified"] > newest:
                newest = item["LastModified"]
    return newest


def reservation_seconds(ec2, reservation_id, now, unlimited):
    """Seconds until the reservation ends: 0 once it is no longer active, `unlimited` when it has no end date."""
    found = ec2.describe_capacity_reservations(CapacityReservationIds=[reservation_id])["CapacityReservations"]
    if not found or found[0]["State"] != "active":
        return 0.0
    end = found[0].get("EndDate")
    return float(unlimited) if end is None else max(0.0, (end - now).total_seconds())


def read(source, clients, now, unlimited):
    kind = source["kind"]
    if kind == "rds-backup":
        latest = rds_backup_latest(clients("rds"), source["id"])
        return BACKUP_AGE, None if latest is None else (now - latest).total_seconds()
    if kind == "wal-archive":
        latest = wal_archive_latest(clients("s3"), source["id"], source["prefix"])
        return BACKUP_AGE, None if latest is None else (now - latest).total_seconds()
    if kind == "reservation":
        return RESERVATION_EXPIRY, reservation_seconds(clients("ec2"), source["id"], now, unlimited)
    raise ValueError(f"unknown source kind {kind}")


def handler(event, context):
    config = json.loads(os.environ["DRKIT_PROBE"])
    cache = {}
    clients = lambda service: cache.setdefault(service, boto3.client(service))
    now = datetime.now(timezone.utc)
    data, failures = [], []
    for source in config["sources"]:
        try:
            metric, value = read(source, clients, now, config["unlimited"])
        except Exception as error:  # one unreadable source must not silence the others
            failures.append(f"{source['component']} {source['kind']}: {error}")
            continue
        if value is None:
            failures.append(f"{source['component']} {source['kind']}: nothing found")
            continue
        data.append({
            "MetricName": metric,
            "Dimensions": [{"Name": "stack", "Value": config["stack"]}, {"Name": "component", "Value": source["component"]}],
            "Value": value,
            "Unit": "Seconds",
            "Timestamp": now,
        })
    if data:
        clients("cloudwatch").put_metric_data(Namespace=config["namespace"], MetricData=data)
    print(json.dumps({"published": len(data), "failures": failures}))
    return {"published": len(data), "failures": failures}
