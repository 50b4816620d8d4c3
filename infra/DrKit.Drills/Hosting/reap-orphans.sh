#!/bin/sh
# Reaps what one local drill owned once the drill process is gone, whatever killed it (SIGKILL included).
# Started by the drill, in its own session, as: reap-orphans.sh RECORD OWNER_PID OWNER_START_TIME
# While the owner lives and its record exists this only waits; a drill that ends normally deletes its record
# and this exits. When the owner dies with the record still there, every process the record names (if its
# start time still matches, so a reused pid is never hit), their children and every process carrying the
# drill's environment marker are killed, the drill's directories removed, and the record deleted.
# The next drill (and 'drkit drill --cleanup') runs this same script at once for records whose owner is dead.
exec </dev/null >/dev/null 2>&1
record=$1
owner=$2
owner_start=$3
marker="DRKIT_DRILL_OWNER=$(basename "$record" .owned)"

# Field 22 of /proc/PID/stat (the start time in clock ticks); the command name may hold spaces, so count
# fields after its closing parenthesis. Prints nothing for a zombie or a missing process.
started() {
    sed -n 's/^.*) //p' "/proc/$1/stat" 2>/dev/null | awk '$1 != "Z" { print $20 }'
}

while [ -f "$record" ] && [ "$(started "$owner")" = "$owner_start" ]; do
    sleep 0.2
done
[ -f "$record" ] || exit 0

for pass in 1 2 3; do
    while read -r kind pid start rest; do
        if [ "$kind" = proc ] && [ -n "$start" ] && [ "$(started "$pid")" = "$start" ]; then
            pkill -KILL -P "$pid"
            kill -KILL "$pid"
        fi
    done < "$record"
    # One grep over every environment (a fork per process would take seconds on a busy machine).
    for file in $(grep -lsxzF "$marker" /proc/[0-9]*/environ); do
        pid=${file#/proc/}
        pid=${pid%/environ}
        pkill -KILL -P "$pid"
        kill -KILL "$pid"
    done
    sleep 0.2
done

while read -r kind path rest; do
    case "$kind:$(basename "$path")" in
        dir:drkit-drill-*) rm -rf -- "$path" ;;
    esac
done < "$record"
rm -f -- "$record"
