#!/usr/bin/python3
"""Runs the page's "PyTorch code" programs in real PyTorch, many in one process (torch's import
takes ~1.5 s; a program ~10 ms).

    /usr/bin/python3 tests/pytorch/run_programs.py < programs.json > results.json

stdin: a JSON list of programs (Python source). stdout: a JSON list, one result per program:
{"stdout": what it printed, "error": the last line of the traceback Python would print
("IndexError: Target 3 is out of bounds.") or null}. Each program runs by exec in a fresh
namespace, as `python3 program.py` would run it (same __name__, its own globals).
"""
import contextlib
import io
import json
import os
import sys
import traceback

os.environ.setdefault("OMP_NUM_THREADS", "1")  # tiny tensors: one thread starts fast on a busy machine
import torch  # noqa: E402  (imported once, here, for every program)

torch.set_num_threads(1)


def run(source):
    out = io.StringIO()
    error = None
    with contextlib.redirect_stdout(out):
        try:
            exec(compile(source, "<program>", "exec"), {"__name__": "__main__"})
        except Exception as e:  # the program's own exception is the result
            error = traceback.format_exception_only(type(e), e)[-1].strip()
    return {"stdout": out.getvalue(), "error": error}


json.dump([run(p) for p in json.load(sys.stdin)], sys.stdout)
