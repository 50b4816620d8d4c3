"""DrKit freshness probe: reads, in its own region, how old the newest backup of each source is and how long
each GPU capacity reservation has left, and publishes both as CloudWatch metrics the stack's alarms watch.

The configuration comes from the DRKIT_PROBE environment variable (JSON), written by the stack:
{"stack": "...", "namespace": "DrKit", "unlimited": 31536000,
 "sources": [{"component": "...", "kind": "rds-backup|wal-archive|reservation", "id": "...", "prefix": "..."}]}
A source that cannot be read publishes nothing, so its alarm (missing data breaches) fires; the run then fails, so
the function's Errors metric and its log name the source.
"""
import json
import os
import time
from datetime import datetime, timezone

import boto3
from botocore.config import Config

BACKUP_AGE = "BackupAgeSeconds"
RESERVATION_EXPIRY = "ReservationSecondsToExpiry"

# Bounded calls: botocore's defaults (60 s connect and read timeouts, legacy retries) could spend a whole run on one
# hung request. Standard retries back off and retry throttling and transient errors, three attempts in all.
CLIENT_CONFIG = Config(connect_timeout=5, read_timeout=10, retries={"mode": "standard", "max_attempts": 3})

# Kept for the life of the container, so a warm invocation reuses its clients and connections.
_CLIENTS = {}

# The newest WAL key found per (bucket, prefix) by an earlier run in this container: the next run lists after it.
_CURSORS = {}

# Milliseconds kept back from the run's deadline to publish what was read before it.
PUBLISH_RESERVE_MS = 15000

# Above every character of a WAL key (file names are ASCII): "p + c + HIGH" sorts after every key that starts p + c.
HIGH = "\x7f"


class OutOfTime(Exception):
    """A source used up its share of the run."""


def client(service):
    if service not in _CLIENTS:
        _CLIENTS[service] = boto3.client(service, config=CLIENT_CONFIG)
    return _CLIENTS[service]


def rds_backup_latest(rds, arn):
    """Newest restorable time of a replicated RDS automated backup (RestoreWindow.LatestTime)."""
    backups = rds.describe_db_instance_automated_backups(DBInstanceAutomatedBackupsArn=arn)
    times = [b["RestoreWindow"]["LatestTime"] for b in backups["DBInstanceAutomatedBackups"] if "LatestTime" in b.get("RestoreWindow", {})]
    return max(times) if times else None


def _first_after(s3, bucket, prefix, after, check):
    """The first object under the prefix whose key sorts after `after` (ListObjectsV2, StartAfter, one key), or None."""
    check()
    args = {"Bucket": bucket, "Prefix": prefix, "MaxKeys": 1}
    if after:
        args["StartAfter"] = after
    contents = s3.list_objects_v2(**args).get("Contents", [])
    return contents[0] if contents else None


def _last_key(s3, bucket, prefix, check):
    """The object with the greatest key under the prefix, found without listing the prefix.

    WAL segment names grow with the timeline and the LSN, so the greatest key is the newest segment. ListObjectsV2
    returns keys in ascending order only, so the last one is found one character at a time: a key is known at each
    step, and asking for the first key after "known prefix + its next character + HIGH" says whether any key has a
    greater character there; a binary search over the characters finds the greatest. That is one call per character
    when nothing is greater (the common case: the newest names share most of their characters), a few more otherwise:
    tens of calls, where listing a PITR window of segments (1,000 keys a page) takes hundreds.
    """
    best = _first_after(s3, bucket, prefix, None, check)
    if best is None:
        return None
    known = prefix
    while True:
        key = best["Key"]
        i = len(known)
        if i == len(key):
            # `known` is itself a key: a longer key with this beginning sorts after it.
            longer = _first_after(s3, bucket, prefix, known, check)
            if longer is None or not longer["Key"].startswith(known):
                return best
            best, key = longer, longer["Key"]
        if ord(key[i]) >= ord(HIGH):
            return _scan_from(s3, bucket, prefix, known, best, check)
        above = _first_after(s3, bucket, prefix, known + key[i] + HIGH, check)
        if above is not None and above["Key"].startswith(known):
            low, high = ord(above["Key"][i]), ord(HIGH)
            best = above
            if low >= high:
                return _scan_from(s3, bucket, prefix, known, best, check)
            # The greatest character lies in [low, HIGH): halve the range, each found key raising the floor.
            while high - low > 1:
                middle = (low + high) // 2
                found = _first_after(s3, bucket, prefix, known + chr(middle - 1) + HIGH, check)
                if found is not None and found["Key"].startswith(known) and ord(found["Key"][i]) >= middle:
                    low, best = ord(found["Key"][i]), found
                else:
                    high = middle
        known = known + best["Key"][i]


def _scan_from(s3, bucket, prefix, start, best, check):
    """Keys outside plain ASCII: page through the keys from `start` on (a rare layout; still bounded by the budget)."""
    token = None
    while True:
        check()
        args = {"Bucket": bucket, "Prefix": prefix, "StartAfter": start}
        if token:
            args["ContinuationToken"] = token
        page = s3.list_objects_v2(**args)
        for item in page.get("Contents", []):
            if item["Key"] > best["Key"]:
                best = item
        token = page.get("NextContinuationToken")
        if not token:
            return best


def wal_archive_latest(s3, bucket, prefix, check):
    """Last-modified time of the newest WAL object under the prefix (never the whole bucket).

    A warm container lists only what arrived after the newest key it saw last run; otherwise the greatest key is
    searched for (_last_key). Either way the prefix is sent on every call, which the role's s3:prefix condition needs.
    """
    cursor = _CURSORS.get((bucket, prefix))
    newest = None
    if cursor is not None:
        token, seen = None, 0
        while True:
            check()
            args = {"Bucket": bucket, "Prefix": prefix, "StartAfter": cursor["Key"]}
            if token:
                args["ContinuationToken"] = token
            page = s3.list_objects_v2(**args)
            for item in page.get("Contents", []):
                if newest is None or item["Key"] > newest["Key"]:
                    newest = item
            seen += 1
            token = page.get("NextContinuationToken")
            if not token or seen >= 3:
                break
        if token:
            newest = _last_key(s3, bucket, prefix, check)
        elif newest is None:
            # Nothing after the cursor: it is still the newest. The lifecycle keeps the PITR window plus a day, so it
            # never removes the newest segment of a live archive; of a dead one the age reported is old, as it should be.
            newest = cursor
    else:
        newest = _last_key(s3, bucket, prefix, check)
    if newest is None:
        _CURSORS.pop((bucket, prefix), None)
        return None
    _CURSORS[(bucket, prefix)] = newest
    return newest["LastModified"]


def reservation_seconds(ec2, reservation_id, now, unlimited):
    """Seconds until the reservation ends, `unlimited` when it has no end date, and 0 with the state once it is not
    active (a scheduled or pending reservation holds no capacity yet, an expired or cancelled one none any more)."""
    found = ec2.describe_capacity_reservations(CapacityReservationIds=[reservation_id])["CapacityReservations"]
    if not found:
        return 0.0, "not found"
    state = found[0]["State"]
    if state != "active":
        return 0.0, f"state {state}"
    end = found[0].get("EndDate")
    return (float(unlimited) if end is None else max(0.0, (end - now).total_seconds())), None


def read(source, clients, now, unlimited, check):
    """The metric, its value (None when nothing was found) and a note worth logging, for one source."""
    kind = source["kind"]
    if kind == "rds-backup":
        check()
        latest = rds_backup_latest(clients("rds"), source["id"])
        return BACKUP_AGE, None if latest is None else (now - latest).total_seconds(), None
    if kind == "wal-archive":
        latest = wal_archive_latest(clients("s3"), source["id"], source["prefix"], check)
        return BACKUP_AGE, None if latest is None else (now - latest).total_seconds(), None
    if kind == "reservation":
        check()
        seconds, note = reservation_seconds(clients("ec2"), source["id"], now, unlimited)
        return RESERVATION_EXPIRY, seconds, note
    raise ValueError(f"unknown source kind {kind}")


def budget_check(deadline_ms):
    """A check that raises OutOfTime once the monotonic clock passes the source's deadline."""
    def check():
        if time.monotonic() * 1000 > deadline_ms:
            raise OutOfTime("its time budget ran out")
    return check


def run(config, clients, now, remaining_ms):
    """Reads every source, each within an equal share of the time left before the publish reserve; returns the
    metric data to publish, the sources that could not be read, and notes worth logging."""
    sources = config["sources"]
    data, failures, notes = [], [], []
    for index, source in enumerate(sources):
        left = remaining_ms() - PUBLISH_RESERVE_MS
        share = left / max(1, len(sources) - index)
        check = budget_check(time.monotonic() * 1000 + share)
        try:
            metric, value, note = read(source, clients, now, config["unlimited"], check)
        except Exception as error:  # one unreadable source must not silence the others
            failures.append(f"{source['component']} {source['kind']}: {error}")
            continue
        if note:
            notes.append(f"{source['component']} {source['kind']}: {note}")
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
    return data, failures, notes


def handler(event, context):
    config = json.loads(os.environ["DRKIT_PROBE"])
    now = datetime.now(timezone.utc)
    data, failures, notes = run(config, client, now, context.get_remaining_time_in_millis)
    if data:
        client("cloudwatch").put_metric_data(Namespace=config["namespace"], MetricData=data)
    print(json.dumps({"published": len(data), "failures": failures, "notes": notes}))
    # What could be read is published; a source that could not be read fails the run, so Lambda's Errors metric and
    # the log name it, while its alarm fires through missing data.
    if failures:
        raise RuntimeError(f"{len(failures)} source(s) unread: " + "; ".join(failures))
    return {"published": len(data), "failures": failures, "notes": notes}
