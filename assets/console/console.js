// The operators' console: logs in, shows the fleet every two seconds, sends commands. Text from
// the kiosks is only ever set as text (never as HTML).
"use strict";

const $ = (id) => document.getElementById(id);
let csrf = "";
let timer = 0;

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

async function api(path, body) {
  const options = { credentials: "same-origin", headers: {} };
  if (body !== undefined) {
    options.method = "POST";
    options.headers["Content-Type"] = "application/json";
    options.headers["X-CSRF-Token"] = csrf;
    options.body = JSON.stringify(body);
  }
  const res = await fetch(path, options);
  let data = {};
  try { data = await res.json(); } catch (e) { data = { error: "the console's answer could not be read" }; }
  return { status: res.status, data };
}

// A time from the fleet (UTC) as this browser's clock reads it: "14:05", or the date if not today.
function localTime(iso) {
  if (!iso) return "";
  const t = new Date(iso);
  if (isNaN(t)) return "";
  const sameDay = t.toDateString() === new Date().toDateString();
  return sameDay ? t.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : t.toLocaleDateString();
}

function euros(cents) { return "€ " + (cents / 100).toFixed(2); }

function show(loggedIn, name) {
  $("login-view").hidden = loggedIn;
  $("fleet-view").hidden = !loggedIn;
  $("logout").hidden = !loggedIn;
  $("user").hidden = !loggedIn;
  $("user").textContent = loggedIn ? name : "";
  clearInterval(timer);
  if (loggedIn) {
    refresh();
    timer = setInterval(refresh, 2000);
  }
}

$("login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("login-error").textContent = "";
  const { status, data } = await api("/api/login", { name: $("login-name").value, password: $("login-password").value });
  $("login-password").value = "";
  if (status !== 200) { $("login-error").textContent = data.error || "login failed"; return; }
  csrf = data.csrf;
  show(true, data.name);
});

$("logout").addEventListener("click", async () => {
  await api("/api/logout", {});
  csrf = "";
  show(false);
});

// The notes every kiosk language has, as the operator reads them.
const NOTES = { "@back_soon": "back soon", "@back_hour": "back in an hour", "@back_tomorrow": "back tomorrow" };

function serviceText(state) {
  if (!state || state.online === false) return "offline";
  if (state.in_service) return state.in_use ? "in use" : "in service";
  return "out: " + (NOTES[state.reason] || state.reason || state.out_of_service || "?");
}

function renderAlerts(kiosks) {
  const list = $("alerts");
  list.replaceChildren();
  let n = 0;
  for (const k of kiosks) {
    for (const a of k.alerts) {
      const li = el("li", null, a.severity);
      li.dataset.kiosk = k.id;
      li.dataset.kind = a.kind;
      li.append(el("strong", k.id), el("span", " " + (k.site ? k.site + ": " : "") + a.text));
      list.append(li);
      n++;
    }
  }
  if (n === 0) list.append(el("li", "No alerts", "none"));
  $("alert-count").textContent = n ? String(n) : "";
}

function renderKiosks(kiosks) {
  const body = $("kiosks").tBodies[0];
  body.replaceChildren();
  for (const k of kiosks) {
    const s = k.state || {};
    const tr = el("tr", null, k.alerts.some((a) => a.severity === "critical") ? "bad" : k.alerts.length ? "warn" : "");
    tr.dataset.kiosk = k.id;
    const printer = s.printer ? s.printer.status.replaceAll("_", " ") : "";
    const terminal = s.terminal ? (s.terminal.available ? "ok" : "away") : "";
    const catalog = s.catalog ? "v" + s.catalog.version + " until " + s.catalog.valid_until : "";
    const service = el("td", serviceText(k.state));
    service.className = "service";
    tr.append(el("td", k.id), el("td", k.site || s.location || ""), service, el("td", printer),
              el("td", terminal), el("td", catalog), el("td", localTime(s.last_sale_at)));
    body.append(tr);
  }
}

function renderMap(kiosks) {
  const svg = $("map");
  const ns = "http://www.w3.org/2000/svg";
  const x = (lon) => 20 + (lon - 2.45) * 0.636 * 140;  // cos(50.5°): degrees of longitude are shorter
  const y = (lat) => 20 + (51.6 - lat) * 140;
  svg.replaceChildren();
  const outline = document.createElementNS(ns, "polygon");
  outline.setAttribute("points", window.BELGIUM_OUTLINE.map(([lon, lat]) => x(lon) + "," + y(lat)).join(" "));
  outline.setAttribute("class", "land");
  svg.append(outline);
  const unplaced = [];
  for (const k of kiosks) {
    if (!k.position) { unplaced.push(k.id); continue; }
    const [lat, lon] = k.position;
    const dot = document.createElementNS(ns, "circle");
    dot.setAttribute("cx", x(lon));
    dot.setAttribute("cy", y(lat));
    dot.setAttribute("r", 7);
    dot.setAttribute("class", k.alerts.some((a) => a.severity === "critical") ? "bad" : k.alerts.length ? "warn" : "ok");
    const title = document.createElementNS(ns, "title");
    title.textContent = k.id + (k.site ? " · " + k.site : "") + " · " + (k.alerts.map((a) => a.text).join(", ") || "fine");
    dot.append(title);
    svg.append(dot);
    const label = document.createElementNS(ns, "text");
    label.setAttribute("x", x(lon) + 10);
    label.setAttribute("y", y(lat) + 4);
    label.textContent = k.site || k.id;
    svg.append(label);
  }
  $("unplaced").textContent = unplaced.length ? "Not on the map: " + unplaced.join(", ") : "";
}

function renderSales(sales, day) {
  $("sales-day").textContent = day;
  for (const [id, rows] of [["sales-kiosk", sales.by_kiosk], ["sales-brand", sales.by_brand], ["sales-method", sales.by_method]]) {
    const body = $(id).tBodies[0];
    body.replaceChildren();
    if (!rows.length) {
      const tr = el("tr");
      tr.append(el("td", "none yet"));
      body.append(tr);
    }
    for (const r of rows) {
      const tr = el("tr");
      tr.append(el("td", r.key), el("td", r.count + (r.count === 1 ? " sale" : " sales"), "num"),
                el("td", euros(r.cents), "num"), el("td", r.refunded ? r.refunded + " refunded" : "", "num"));
      body.append(tr);
    }
  }
}

function resultText(c) {
  const r = c.result;
  if (!r) return "waiting for the kiosk";
  if (!r.ok) return "refused: " + (r.error || "?");
  if (r.waiting) return "waits: " + r.waiting;
  if (c.command === "diagnostics") return "done";
  return "done" + (r.applied === false ? " (applied once the kiosk is free)" : "");
}

function renderCommands(commands) {
  const body = $("commands").tBodies[0];
  body.replaceChildren();
  for (const c of commands.slice(0, 50)) {
    const tr = el("tr", null, c.result ? (c.result.ok ? "ok" : "bad") : "wait");
    tr.dataset.id = c.id;
    const result = el("td", resultText(c), "result");
    if (c.command === "diagnostics" && c.result && c.result.ok) {
      const a = el("a", " download");
      a.href = "/api/diagnostics/" + c.id;
      result.append(a);
    }
    tr.append(el("td", localTime(c.sent_at)), el("td", c.sent_by), el("td", c.kiosk),
              el("td", c.command + (c.detail ? " (" + c.detail.replace(/@back_\w+/, (n) => NOTES[n] || n) + ")" : "")), result);
    body.append(tr);
  }
}

function renderTargets(kiosks) {
  const select = $("command-target");
  const chosen = select.value;
  const options = [["all", "All kiosks"]];
  const groups = [...new Set(kiosks.map((k) => k.group).filter(Boolean))].sort();
  for (const g of groups) options.push(["group:" + g, "Group " + g]);
  for (const k of kiosks) options.push(["kiosk:" + k.id, k.id + (k.site ? " · " + k.site : "")]);
  const key = options.map((o) => o[0]).join("|");
  if (select.dataset.key === key) return;  // unchanged: keep the operator's choice open
  select.dataset.key = key;
  select.replaceChildren(...options.map(([value, text]) => { const o = el("option", text); o.value = value; return o; }));
  if (options.some((o) => o[0] === chosen)) select.value = chosen;
}

async function refresh() {
  const { status, data } = await api("/api/fleet");
  if (status === 401) { show(false); return; }
  if (status !== 200) return;
  const broker = $("broker");
  broker.textContent = data.broker.connected ? "broker: connected" : "broker: away " + (data.broker.error || "");
  broker.className = "pill " + (data.broker.connected ? "ok" : "bad");
  renderAlerts(data.kiosks);
  renderKiosks(data.kiosks);
  renderMap(data.kiosks);
  renderSales(data.sales, data.today);
  renderCommands(data.commands);
  renderTargets(data.kiosks);
}

$("command-name").addEventListener("change", () => {
  const name = $("command-name").value;
  $("reason-field").hidden = name !== "out-of-service";
  $("catalog-field").hidden = name !== "catalog-install";
});

$("command-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("command-error").textContent = "";
  const name = $("command-name").value;
  const target = $("command-target").value;
  const body = { target, command: name === "in-service" ? "out-of-service" : name };
  if (name === "out-of-service") { body.out = true; body.reason = $("command-reason").value; }
  if (name === "in-service") body.out = false;
  if (name === "catalog-install") {
    const file = $("command-catalog").files[0];
    if (!file) { $("command-error").textContent = "choose the signed catalog file"; return; }
    body.file = await file.text();
  }
  const label = $("command-target").selectedOptions[0].textContent;
  if ((target === "all" || target.startsWith("group:")) && !confirm("Send '" + name + "' to " + label + "?")) return;
  const { status, data } = await api("/api/commands", body);
  if (status !== 200) { $("command-error").textContent = data.error || "not sent"; return; }
  const failed = data.commands.filter((c) => !c.sent);
  if (failed.length) $("command-error").textContent = "not sent to " + failed.map((c) => c.kiosk + " (" + c.error + ")").join(", ");
  refresh();
});

// A session still open (the page reloaded): straight to the fleet.
(async () => {
  const { status, data } = await api("/api/session");
  if (status === 200) { csrf = data.csrf; show(true, data.name); } else show(false);
})();
