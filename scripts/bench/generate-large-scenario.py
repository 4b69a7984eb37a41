#!/usr/bin/env python3
"""Writes a large scenario: 50 behaviours x 50 states (Markov chains with loops), an open load at 10,000/s
for an hour, to stdout. Used by plan-large.sh."""
import random
import sys

behaviours, states = 50, 50
rng = random.Random(7)
out = ["name: large", "seed: 7", "duration: 1h", "targets:", "  t: { adapter: \"null\" }", "behaviours:"]
for b in range(behaviours):
    out.append(f"  b{b}:")
    out.append(f"    weight: {rng.randint(1, 9)}")
    out.append("    states:")
    for s in range(states):
        nxt = (s + 1) % states
        back = rng.randrange(states)
        if s == states - 1:
            transitions = "{ end: 1 }"
        else:
            transitions = f"{{ s{nxt}: 0.7, s{back}: 0.1, end: 0.2 }}" if back != nxt else f"{{ s{nxt}: 0.8, end: 0.2 }}"
        out.append(f"      s{s}: {{ action: t.ok, with: {{ delay: 5ms }}, expect: 5ms, think: {{ exponential: {{ mean: 2s }} }}, next: {transitions} }}")
out += ["load:", "  steady:", "    model: open", "    rate: [{ ramp: { from: 0/s, to: 10000/s, over: 5m } }, { hold: { value: 10000/s } }]"]
sys.stdout.write("\n".join(out) + "\n")
