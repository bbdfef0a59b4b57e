#!/usr/bin/env python3
"""Orders and single-entry hours through the gateway with wrk (a native load tool: the Java load generator of
`./backoffice bench` costs the 2-core machine as much CPU as the gateway itself), on the organisation that
`./backoffice demo buurtzorg` loaded into a running `./backoffice up`.

    python3 local-stack/wrk/wrk-bench.py orders [--teams 100] [--first-team 1100] [--seconds 30] [--connections 32]
    python3 local-stack/wrk/wrk-bench.py hours  [--teams 100] [--first-team 0]    [--seconds 30] [--connections 32]

Honours the same BACKOFFICE_* variables as `./backoffice` (data folder, gateway, Keycloak and service ports). Each
run goes through the gateway, then straight to the service for comparison. Orders are checked afterwards: no team
of the organisation may have committed and spent more than its budget released to date. Hours are 10-minute ADMIN
entries on a day before the month that no earlier bench run used (the data folder's bench/state file, shared with
`./backoffice bench`), so they neither touch the month's pay nor reach billing. Needs wrk (`apt-get install wrk`).
"""
import argparse
import json
import os
import subprocess
import tempfile
import urllib.parse
import urllib.request
from decimal import Decimal

DATA = os.environ.get("BACKOFFICE_DATA", ".run")
GATEWAY = "http://localhost:" + os.environ.get("BACKOFFICE_GATEWAY_PORT", "8080")
KEYCLOAK = "http://localhost:" + os.environ.get("BACKOFFICE_KEYCLOAK_PORT", "8180")
SERVICES = {"orders": os.environ.get("BACKOFFICE_PROCUREMENT_PORT", "8084"),
            "hours": os.environ.get("BACKOFFICE_PAYROLL_PORT", "8082")}
PASSWORD = "dev-only"  # the local stack's demo logins only

LUA = r"""
local counter = 0
local threads = {}
local nthreads = 0
function setup(thread)
  nthreads = nthreads + 1
  thread:set("id", nthreads)
  table.insert(threads, thread)
end
function init(args)
  math.randomseed(os.time() + id * 7919)
  prefix = "wrk-" .. os.time() .. "-" .. id .. "-" .. math.random(1, 1000000000) .. "-"
  created = 0
  refused = 0
end
function request()
  counter = counter + 1
  local n = (counter - 1) * NTHREADS + id        -- 1, 2, 3 ... across threads, never twice
  return wrk.format("POST", PATH, {["Authorization"] = "Bearer " .. token(n),
    ["Content-Type"] = "application/json", ["Idempotency-Key"] = prefix .. counter}, body(n))
end
function response(status, headers, body)
  if status == 201 then created = created + 1 else refused = refused + 1 end
end
function done(summary, latency, requests)
  local c, r = 0, 0
  for _, t in ipairs(threads) do c = c + t:get("created"); r = r + t:get("refused") end
  io.write(string.format("RESULT %d %d %.3f %.1f %.1f %.1f\n", c, r, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000))
end
"""


def post_form(url, form):
    return json.load(urllib.request.urlopen(url, urllib.parse.urlencode(form).encode()))


def token(user):
    return post_form(KEYCLOAK + "/realms/backoffice/protocol/openid-connect/token",
                     {"grant_type": "password", "client_id": "backoffice-app", "username": user,
                      "password": PASSWORD})["access_token"]


def get(path, bearer):
    return json.load(urllib.request.urlopen(urllib.request.Request(GATEWAY + path,
                                                                   headers={"Authorization": "Bearer " + bearer})))


def lua_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def orders_lua(manifest, teams, tokens):
    dave = token("dave")
    items = {i["supplierItemCode"]: i["id"] for i in
             get("/api/procurement/catalogue?supplierId=" + manifest["suppliers"][0], dave)}
    body = json.dumps({"supplierId": manifest["suppliers"][0],
                       "deliveryAddress": {"line1": "Wijkcentrum, 2 High Street", "town": "Leeds",
                                           "postcode": "LS8 5HS"},
                       "lines": [{"catalogueItemId": items["GLV-NIT-M"], "quantity": "1"}]})
    return ("PATH = '/api/procurement/orders'\n"
            "TOKENS = {" + ",".join(lua_string(t) for t in tokens) + "}\n"
            "BODY = " + lua_string(body) + "\n"
            "function token(n) return TOKENS[n % #TOKENS + 1] end\n"
            "function body(n) return BODY end\n")


def hours_lua(manifest, teams, tokens, day):
    # One team's colleagues per token: a team submits for its own members only. Colleague k of the whole list gets
    # the slots k, k + N, k + 2N ... of the day (10 minutes each, 140 a day).
    members, owners = [], []
    for i, t in enumerate(teams):
        for m in t["members"]:
            members.append(m)
            owners.append(i + 1)
    return ("PATH = '/api/payroll/hours'\n"
            "TOKENS = {" + ",".join(lua_string(t) for t in tokens) + "}\n"
            "MEMBERS = {" + ",".join(lua_string(m) for m in members) + "}\n"
            "OWNERS = {" + ",".join(str(o) for o in owners) + "}\n"
            "DAY = '" + day + "'\n"
            "function token(n) return TOKENS[OWNERS[(n - 1) % #MEMBERS + 1]] end\n"
            "function body(n)\n"
            "  local k = (n - 1) % #MEMBERS + 1\n"
            "  local slot = math.floor((n - 1) / #MEMBERS)\n"
            "  if slot >= 140 then error('more requests than free slots on ' .. DAY) end\n"
            "  return string.format('{\"entries\":[{\"employeeId\":\"%s\",\"date\":\"%s\",\"start\":\"%02d:%02d\","
            "\"minutes\":10,\"activity\":\"ADMIN\"}]}', MEMBERS[k], DAY, math.floor(slot * 10 / 60), slot * 10 % 60)\n"
            "end\n")


def free_day(month):
    """The next bench day before the month (shared with ./backoffice bench), reserved for this run."""
    from datetime import date, timedelta
    state = os.path.join(DATA, "bench", "state-" + month + ".properties")
    props = {}
    if os.path.exists(state):
        for line in open(state):
            if "=" in line and not line.startswith("#"):
                k, v = line.strip().split("=", 1)
                props[k] = v
    day = int(props.get("nextDay", "0"))
    props["nextDay"] = str(day + 1)
    props.setdefault("runs", "0")
    os.makedirs(os.path.dirname(state), exist_ok=True)
    with open(state, "w") as f:
        f.write("#bench runs and the first bench day (days before the month) not used yet\n")
        for k, v in props.items():
            f.write(k + "=" + v + "\n")
    y, m = map(int, month.split("-"))
    return (date(y, m, 1) - timedelta(days=1 + day)).isoformat()


def wrk(url, script, seconds, connections):
    out = subprocess.run(["wrk", "-t2", "-c" + str(connections), "-d" + str(seconds) + "s", "-s", script, url],
                         capture_output=True, text=True, check=True).stdout
    line = next(l for l in out.splitlines() if l.startswith("RESULT"))
    created, other, secs, p50, p90, p99 = line.split()[1:]
    return int(created), int(other), float(secs), p50, p90, p99


def load():
    return open("/proc/loadavg").read().split()[0]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("what", choices=["orders", "hours"])
    p.add_argument("--month", default="2026-10")
    p.add_argument("--teams", type=int, default=100)
    p.add_argument("--first-team", type=int, default=None)
    p.add_argument("--seconds", type=int, default=30)
    p.add_argument("--connections", type=int, default=32)
    a = p.parse_args()
    manifest = json.load(open(os.path.join(DATA, "demo", "organisation-" + a.month + ".json")))
    first = a.first_team if a.first_team is not None else (1100 if a.what == "orders" else 0)
    teams = manifest["teams"][first:first + a.teams]
    tokens = [token(t["login"]) for t in teams]
    for target, url in (("through the gateway", GATEWAY), ("straight to the service", "http://localhost:" + SERVICES[a.what])):
        lua = (orders_lua(manifest, teams, tokens) if a.what == "orders"
               else hours_lua(manifest, teams, tokens, free_day(a.month)))
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
            f.write(lua.replace("NTHREADS", "2") + LUA.replace("NTHREADS", "2"))
        before = load()
        created, other, secs, p50, p90, p99 = wrk(url, f.name, a.seconds, a.connections)
        print(f"{a.what} {target}: {created / secs:,.0f} accepted/s ({created:,} created, {other:,} other "
              f"answers, {secs:.1f} s, {a.connections} connections, {len(teams)} teams); latency p50 {p50} ms, "
              f"p90 {p90} ms, p99 {p99} ms; load average {before} before, {load()} after")
        os.unlink(f.name)
    if a.what == "orders":
        over = [s["team"] for s in get("/api/procurement/spending", token("dave"))
                if Decimal(s["committed"]) + Decimal(s["spent"]) > Decimal(s["releasedToDate"])]
        print(f"teams over budget afterwards: {len(over)} {over if over else ''}")
        if over:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
