#!/usr/bin/env python3
"""Calls of V8's memory.copy and memory.fill helpers in a callgrind output.

V8 (Node 20) compiles wasm's `memory.copy` and `memory.fill` to calls of C functions
(`v8::internal::wasm::memory_copy_wrapper`, `memory_fill_wrapper`): ~90 instructions and a
transition out of the generated code each, where a copy of a known small size in registers is
a few. LLVM emits them for copies and fills of structs and arrays past a size, and for copies
of a length known only at run time. Used by `scripts/v8-count.sh --memcalls`.

    python3 bench/v8-memcalls.py CALLGRIND_OUT   # prints "COPIES FILLS"
"""
import re
import sys


def main():
    names = {}
    callee = None
    copies = fills = 0
    for line in open(sys.argv[1]):
        m = re.match(r'^(c?fn)=\((\d+)\)(?: (.*))?', line)
        if m:
            kind, ident, name = m.groups()
            if name:
                names[ident] = name
            if kind == 'cfn':
                callee = names.get(ident)
            continue
        if line.startswith('calls=') and callee:
            n = int(line.split('=')[1].split()[0])
            if 'memory_copy_wrapper' in callee:
                copies += n
            elif 'memory_fill_wrapper' in callee:
                fills += n
    print(copies, fills)


if __name__ == '__main__':
    main()
