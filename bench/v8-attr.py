#!/usr/bin/env python3
"""Machine instructions per function of V8's code, from a callgrind profile of node.

    python3 bench/v8-attr.py CODE_LOG CALLGRIND_OUT CALLS [TOP]

CODE_LOG is node's `--log-code` file, CALLGRIND_OUT valgrind's `--dump-instr=yes` output of
the same run; each instruction's count goes to the code object (a wasm function, a builtin, a
JS function) whose address range holds it, divided by CALLS. Code outside V8's heap (the C++
runtime: `TextEncoder.encodeInto`, the garbage collector, start-up) is reported as
unattributed. Used by scripts/v8-count.sh --profile (docs/PERFORMANCE.md, thirteenth round).
"""
import bisect
import collections
import sys


def code_ranges(log):
    """(start, end, name) of every code object the log creates, sorted by start."""
    out = []
    for line in open(log, errors='replace'):
        if not line.startswith('code-creation,'):
            continue
        p = line.rstrip('\n').split(',')
        try:
            start, size = int(p[4], 16), int(p[5])
        except (IndexError, ValueError):
            continue
        out.append((start, start + size, p[1] + ':' + p[6]))
    out.sort()
    return out


def costs(cg):
    """(instruction address, count) of the callgrind output (`positions: instr line`)."""
    cur = 0
    after_calls = False
    for line in open(cg):
        if line.startswith('calls='):
            # The next line is the call's inclusive cost, at the call's address.
            after_calls = True
            continue
        if not line or line[0] not in '0123456789+-*':
            continue
        parts = line.split()
        a = parts[0]
        if a.startswith('0x'):
            cur = int(a, 16)
        elif a[0] in '+-':
            cur += int(a)
        if after_calls:
            after_calls = False
            continue
        if len(parts) >= 3:
            yield cur, int(parts[2])


def main():
    log, cg, calls = sys.argv[1], sys.argv[2], int(sys.argv[3])
    top = int(sys.argv[4]) if len(sys.argv) > 4 else 40
    ranges = code_ranges(log)
    starts = [r[0] for r in ranges]
    per = collections.Counter()
    unattributed = 0
    for addr, n in costs(cg):
        i = bisect.bisect_right(starts, addr) - 1
        if i >= 0 and addr < ranges[i][1]:
            per[ranges[i][2]] += n
        else:
            unattributed += n
    total = sum(per.values()) + unattributed
    print(f'all instructions of the run: {total:,}; outside V8 code objects: {unattributed:,}')
    print(f'per call ({calls} calls), by code object:')
    for name, n in per.most_common(top):
        print(f'{n / calls / 1e6:9.2f} M  {100 * n / total:5.1f} %  {name[:110]}')


if __name__ == '__main__':
    main()
