"""pip's own parser as a line server, for test/pip-parser-diff.test.ts.

Runs under the interpreter whose pip is tested (Python 2.7 to 3.13). The first
line out describes pip: its version and, per parser, every option string with
its dest and whether it takes a value. Then, for each batch of argv lists read
as one JSON line on stdin, one JSON line out with what main_parser.parse_command
and the command's optparse parser made of each. Every option occurrence the command parser
processes is recorded through optparse.Option.process as
[canonical name, dest, raw value], so the test compares which tokens pip took
as option values, not only the final values. _PIP_RUNNING_IN_SUBPROCESS stops
parse_command from re-executing pip under --python (pip >= 22.3).
"""
import copy
import json
import optparse
import os
import sys

os.environ["_PIP_RUNNING_IN_SUBPROCESS"] = "1"

import pip  # noqa: E402
from pip._internal import commands as C  # noqa: E402
from pip._internal.cli import main_parser  # noqa: E402
from pip._internal.cli.parser import ConfigOptionParser  # noqa: E402

try:
    from StringIO import StringIO
except ImportError:
    from io import StringIO


def make(name):
    if hasattr(C, "create_command"):
        return C.create_command(name)
    return C.commands_dict[name]()


def canonical(option):
    return (option._long_opts or option._short_opts)[0]


def rows(options, skip):
    out = []
    for o in options:
        for s in o._short_opts + o._long_opts:
            if s not in skip:
                out.append("%s %s %d" % (s, o.dest, 1 if o.takes_value() else 0))
    return sorted(out)


record = None
_process = optparse.Option.process


def process(self, opt, value, values, parser):
    if record is not None:
        record.append([canonical(self), self.dest, value])
    return _process(self, opt, value, values, parser)


optparse.Option.process = process

# Speed only, parsing unchanged: with PIP_CONFIG_FILE=/dev/null and no PIP_*
# variables the defaults never change, so each parser computes them once
# (ConfigOptionParser reloads the config files on every parse_args), and
# parse_command reuses one main parser instead of building it per call.
_defaults = ConfigOptionParser.get_default_values


def get_default_values(self):
    if "_cached_defaults" not in self.__dict__:
        self._cached_defaults = _defaults(self)
    return copy.deepcopy(self._cached_defaults)


ConfigOptionParser.get_default_values = get_default_values
_main = main_parser.create_main_parser()
main_parser.create_main_parser = lambda: _main

real_out = sys.stdout
general = main_parser.create_main_parser()._get_all_options()
general_names = set(s for o in general for s in o._short_opts + o._long_opts)
tables = {"general": rows(general, set())}
parsers = {}
for name in C.commands_dict:
    parsers[name] = make(name).parser
    tables[name] = rows(parsers[name]._get_all_options(), general_names)
real_out.write(json.dumps({"version": pip.__version__, "tables": tables}) + "\n")
real_out.flush()



def parse(args):
    global record
    err = StringIO()
    sys.stdout, sys.stderr = StringIO(), err
    record = None
    try:
        name, cmd_args = main_parser.parse_command(list(args))
        record = []
        _, positionals = parsers[name].parse_args(list(cmd_args))
        return {"cmd": name, "args": positionals, "opts": record}
    except SystemExit as e:
        lines = err.getvalue().strip().splitlines()
        return {"exit": e.code, "msg": lines[-1] if lines else "", "opts": record}
    except Exception as e:
        return {"exit": "exception", "msg": "%s: %s" % (type(e).__name__, e), "opts": record}
    finally:
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__


# One request line holds a batch (a JSON list of argv lists); one answer line
# holds its results, so a batch costs one pipe round trip.
while True:
    line = sys.stdin.readline()
    if not line:
        break
    real_out.write(json.dumps([parse(args) for args in json.loads(line)]) + "\n")
    real_out.flush()
