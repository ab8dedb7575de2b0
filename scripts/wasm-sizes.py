#!/usr/bin/env python3
"""Lists the largest functions of a .wasm (with a name section) and the size of each section.
Usage: scripts/wasm-sizes.py FILE.wasm [N]"""
import sys

def leb(b, i):
    r = s = 0
    while True:
        x = b[i]; i += 1
        r |= (x & 0x7F) << s; s += 7
        if x < 0x80:
            return r, i

data = open(sys.argv[1], 'rb').read()
top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
i = 8
imports = 0
bodies = []
names = {}
sections = []
while i < len(data):
    sid = data[i]; i += 1
    size, i = leb(data, i)
    end = i + size
    label = str(sid)
    if sid == 0:
        n, j = leb(data, i)
        label = 'custom:' + data[j:j + n].decode()
        if label == 'custom:name':
            j += n
            while j < end:
                sub = data[j]; j += 1
                ssize, j = leb(data, j)
                send = j + ssize
                if sub == 1:
                    count, k = leb(data, j)
                    for _ in range(count):
                        idx, k = leb(data, k)
                        ln, k = leb(data, k)
                        names[idx] = data[k:k + ln].decode(errors='replace'); k += ln
                j = send
    elif sid == 2:
        count, j = leb(data, i)
        for _ in range(count):
            for _ in range(2):
                ln, j = leb(data, j); j += ln
            kind = data[j]; j += 1
            if kind == 0:
                _, j = leb(data, j); imports += 1
            elif kind == 1:
                j += 1; flags, j = leb(data, j); _, j = leb(data, j)
                if flags & 1: _, j = leb(data, j)
            elif kind == 2:
                flags, j = leb(data, j); _, j = leb(data, j)
                if flags & 1: _, j = leb(data, j)
            elif kind == 3:
                j += 2
    elif sid == 10:
        count, j = leb(data, i)
        for f in range(count):
            bsize, j = leb(data, j)
            bodies.append((bsize, imports + f)); j += bsize
    sections.append((label, size))
    i = end
print('sections:', ', '.join(f'{l}={s}' for l, s in sections))
print(f'{len(bodies)} functions, {imports} imports')
for size, idx in sorted(bodies, reverse=True)[:top]:
    print(f'{size:7d}  {names.get(idx, idx)[:150]}')
