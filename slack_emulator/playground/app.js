// The playground page: renders the emulated workspace from /state and posts what people do.
"use strict";
const $ = (id) => document.getElementById(id);
let state = null;
let me = localStorage.getItem("me") || "";
let current = localStorage.getItem("channel") || "home";
let lastModal = null;

function esc(text) {
  return String(text ?? "").replace(/&(?!(amp|lt|gt);)/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// Slack mrkdwn (already &-escaped by the app) to HTML.
function mrkdwn(text) {
  const names = Object.fromEntries((state?.people || []).map((p) => [p.id, p.name]));
  let html = String(text ?? "")
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, (_, url, label) => `\u0001a href="${url}" target="_blank"\u0002${label}\u0001/a\u0002`)
    .replace(/<!(here|channel|everyone)>/g, "@$1")
    .replace(/<@([UW][A-Z0-9]+)(\|[^>]*)?>/g, (_, id) => "@" + (names[id] || id))
    .replace(/</g, "&lt;").replace(/>(?!\s)/g, "&gt;")
    .replace(/\u0001/g, "<").replace(/\u0002/g, ">");
  html = html.split("\n").map((line) => line.startsWith("&gt; ") || line.startsWith("> ")
    ? `<blockquote>${line.replace(/^(&gt;|>) /, "")}</blockquote>` : line).join("<br>");
  return html.replace(/`([^`]+)`/g, "<code>$1</code>").replace(/\*([^*\n]+)\*/g, "<b>$1</b>")
    .replace(/(^|\s)_([^_\n]+)_/g, "$1<i>$2</i>").replace(/:([a-z_]+):/g, (m, n) => EMOJI[n] || m);
}
const EMOJI = { white_check_mark: "✅", warning: "⚠️", tada: "🎉", rotating_light: "🚨", x: "❌",
  hourglass: "⏳", runner: "🏃", mega: "📣", hospital: "🏥", round_pushpin: "📍", receipt: "🧾",
  partly_sunny: "⛅", red_circle: "🔴", large_yellow_circle: "🟡", information_source: "ℹ️",
  arrow_down: "⬇️", camera: "📷", wastebasket: "🗑️", arrows_counterclockwise: "🔄", clapper: "🎬",
  fork_and_knife: "🍴", package: "📦", page_facing_up: "📄", money_with_wings: "💸", bell: "🔔" };

function text(obj) { return obj ? (obj.type === "mrkdwn" ? mrkdwn(obj.text) : esc(obj.text)) : ""; }

function element(el, ctx) {
  const id = el.action_id;
  if (el.type === "button") {
    return `<button class="${el.style || ""}" data-action="${id}" data-value="${esc(el.value || "")}" ${ctx}>${text(el.text)}</button>`;
  }
  if (el.type === "static_select") {
    const opts = (el.options || []).map((o) => `<option value="${esc(o.value)}">${text(o.text)}</option>`).join("");
    return `<select data-select="${id}" ${ctx}><option value="">${text(el.placeholder) || "Choose…"}</option>${opts}</select>`;
  }
  return "";
}

function blocks(list, ctx) {
  return (list || []).map((b) => {
    if (b.type === "header") return `<div class="block header">${text(b.text)}</div>`;
    if (b.type === "divider") return `<hr class="divider">`;
    if (b.type === "context") return `<div class="block context">${(b.elements || []).map(text).join(" ")}</div>`;
    if (b.type === "image") return `<div class="block"><img class="chart" alt="${esc(b.alt_text)}" src="${esc(b.image_url || "")}"></div>`;
    if (b.type === "actions") return `<div class="block">${(b.elements || []).map((e) => element(e, ctx)).join("")}</div>`;
    if (b.type === "section") {
      const fields = b.fields ? `<div class="fields">${b.fields.map((f) => `<div>${text(f)}</div>`).join("")}</div>` : "";
      const accessory = b.accessory ? element(b.accessory, ctx) : "";
      return `<div class="block">${text(b.text)}${fields}${accessory}</div>`;
    }
    return "";
  }).join("");
}

function zone() { return state?.clock?.zone; }

function clockTime(ts) {
  const options = { hour: "numeric", minute: "2-digit" };
  if (zone()) options.timeZone = zone();
  return new Date(parseFloat(ts) * 1000).toLocaleTimeString([], options);
}

function isReply(m) { return m.thread_ts && m.thread_ts !== m.ts; }

function renderMessage(m, replies) {
  const ctx = `data-channel="${m.channel}" data-ts="${m.ts}"`;
  const body = m.blocks && m.blocks.length ? blocks(m.blocks, ctx) : m.text ? `<div class="block">${mrkdwn(m.text)}</div>` : "";
  const files = (m.files || []).map((f) => /\.(png|jpe?g|gif)$/i.test(f.name || "")
    ? `<div class="file"><img class="chart" src="/files/${f.id}" alt="${esc(f.title)}"></div>`
    : `<div class="file">📎 <a href="/files/${f.id}" target="_blank">${esc(f.title || f.name)}</a></div>`).join("");
  const mine = m.user_id && m.user_id === me;
  const cls = ["msg", m.ephemeral ? "ephemeral" : "", mine ? "mine" : ""].join(" ");
  const more = m.ephemeral ? "" : `<button class="more" type="button" title="More actions" data-more="${m.ts}" ${ctx}>⋯</button>`;
  const menu = !m.ephemeral && openMenu === m.channel + m.ts ? `<div class="menu">${
    (state.shortcuts || []).map((s) => `<button type="button" data-shortcut="${esc(s.callback_id)}" ${ctx}>${esc(s.name)}</button>`).join("")
  }<button type="button" data-thread="${m.ts}" ${ctx}>Reply in thread</button></div>` : "";
  const count = replies ? `<div class="replies" data-thread="${m.ts}" ${ctx}>💬 ${replies} ${replies === 1 ? "reply" : "replies"}</div>` : "";
  return `<div class="${cls}" data-ts="${m.ts}"><span class="who">${esc(m.user)}</span><span class="when">${clockTime(m.ts)}${m.edited ? " (edited)" : ""}</span>${more}${menu}${body}${files}${count}</div>`;
}

let lastList = null, stick = true, openMenu = null, thread = null;

function renderClock() {
  const clock = state.clock;
  const waiting = typeof state.starting === "string" ? state.starting : "Slate is starting…";
  if (!clock) { $("clock").innerHTML = state.starting ? `<span class='hint' id='setting-up'>${esc(waiting)}</span>` : ""; $("clock").dataset.key = ""; return; }
  const key = clock.now + clock.moves.length + state.starting;
  if ($("clock").dataset.key === key) return;
  $("clock").dataset.key = key;
  // While the demo is first being set up, what you do waits for it: say so, offer no jumps.
  $("clock").innerHTML = `<span title="${esc(clock.zone)}">🕒 <span id="now">${esc(clock.now)}</span></span>` +
    (state.starting ? `<span class='hint' id='setting-up'>${esc(waiting)}</span>`
      : clock.moves.map((m) => `<button type="button" data-move="${m.id}">${esc(m.label)}</button>`).join(""));
}

function renderConversation() {
  const box = $("messages");
  if (current === "home") {
    const key = "home" + JSON.stringify(state.home);
    if (key === lastList) return;
    lastList = key;
    box.innerHTML = state.home ? blocks(state.home.blocks, `data-view="${state.home.id}"`) : "<p>Opening…</p>";
    return;
  }
  const list = state.messages[current] || [];
  const key = current + openMenu + JSON.stringify(list);
  if (key === lastList) return;
  lastList = key;
  const counts = {};
  for (const m of list) if (isReply(m)) counts[m.thread_ts] = (counts[m.thread_ts] || 0) + 1;
  const atBottom = box.scrollTop + box.clientHeight >= box.scrollHeight - 40;
  box.innerHTML = list.filter((m) => !isReply(m)).map((m) => renderMessage(m, counts[m.ts])).join("") ||
    "<p class='hint'>No messages yet.</p>";
  if (stick || atBottom) box.scrollTop = box.scrollHeight;
  stick = false;
}

function renderThread() {
  const pane = $("thread");
  pane.classList.toggle("open", !!thread);
  if (!thread) return;
  const list = (state.messages[thread.channel] || []).filter((m) => m.ts === thread.ts || m.thread_ts === thread.ts);
  const key = JSON.stringify(list);
  if (pane.dataset.key === key) return;
  pane.dataset.key = key;
  $("thread-messages").innerHTML = list.map((m) => renderMessage(m, 0)).join("");
  $("thread-messages").scrollTop = $("thread-messages").scrollHeight;
}

function render() {
  if (!state) return;
  const person = $("person");
  if (person.options.length !== state.people.length) {
    person.innerHTML = state.people.map((p) => `<option value="${p.id}">${esc(p.name)}${p.title ? " — " + esc(p.title) : ""}</option>`).join("");
  }
  person.value = me;
  const item = (c, label) => `<div class="item ${c.id === current ? "active" : ""}" data-channel="${c.id}">${label}</div>`;
  $("channels").innerHTML = state.channels.filter((c) => !c.is_im).map((c) => item(c, "# " + esc(c.name))).join("");
  $("dms").innerHTML = state.channels.filter((c) => c.is_im).map((c) => item(c, "Slate")).join("") ||
    `<div class="item" data-open-dm="1">Slate</div>`;
  $("home-link").className = "item" + (current === "home" ? " active" : "");
  const channel = state.channels.find((c) => c.id === current);
  $("title").textContent = current === "home" ? "Home" : channel ? (channel.is_im ? "Slate (direct message)" : "# " + channel.name) : "";
  renderClock();
  renderConversation();
  renderThread();
  renderModal();
}

function open(channel) {
  current = channel; localStorage.setItem("channel", current);
  stick = true; openMenu = null; lastList = null; thread = null;
  $("nav").classList.remove("open");
}

function toast(message) {
  const box = $("toast");
  box.textContent = message; box.style.display = "block";
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.style.display = "none"; }, 4000);
}

function input(b, errors) {
  const el = b.element, id = el.action_id;
  let control = "";
  const people = state.people.map((p) => `<option value="${p.id}">${esc(p.name)}</option>`).join("");
  const chans = state.channels.filter((c) => !c.is_im).map((c) => `<option value="${c.id}">#${esc(c.name)}</option>`).join("");
  const initialOpt = el.initial_option ? el.initial_option.value : "";
  const options = (list, multi) => (list || []).map((o) => `<option value="${esc(o.value)}" ${!multi && o.value === initialOpt ? "selected" : ""}>${text(o.text)}</option>`).join("");
  const groups = (el.option_groups || []).map((g) => `<optgroup label="${esc(g.label.text)}">${options(g.options)}</optgroup>`).join("");
  switch (el.type) {
    case "plain_text_input": case "number_input": case "email_text_input": case "url_text_input":
      control = el.multiline
        ? `<textarea name="${id}" rows="4">${esc(el.initial_value || "")}</textarea>`
        : `<input type="text" name="${id}" value="${esc(el.initial_value || "")}" placeholder="${esc(el.placeholder?.text || "")}">`;
      break;
    case "static_select": case "radio_buttons":
      control = `<select name="${id}"><option value=""></option>${options(el.options)}${groups}</select>`; break;
    case "multi_static_select": control = `<select name="${id}" multiple>${options(el.options, true)}</select>`; break;
    case "users_select": control = `<select name="${id}"><option value=""></option>${people}</select>`; break;
    case "multi_users_select": control = `<select name="${id}" multiple>${people}</select>`; break;
    case "conversations_select": case "channels_select":
      control = `<select name="${id}"><option value=""></option>${chans}</select>`; break;
    case "multi_conversations_select": case "multi_channels_select":
      control = `<select name="${id}" multiple>${chans}</select>`; break;
    case "datepicker": control = `<input type="date" name="${id}" value="${el.initial_date || ""}">`; break;
    case "timepicker": control = `<input type="time" name="${id}" value="${el.initial_time || ""}">`; break;
    case "checkboxes":
      control = (el.options || []).map((o) => `<label><input type="checkbox" name="${id}" value="${esc(o.value)}"> ${text(o.text)}</label>`).join("<br>"); break;
    case "file_input": control = `<input type="file" name="${id}">`; break;
  }
  const error = errors[b.block_id] ? `<div class="error">${esc(errors[b.block_id])}</div>` : "";
  const hint = b.hint ? `<div class="hint">${esc(b.hint.text)}</div>` : "";
  return `<div class="field" data-type="${el.type}" data-id="${id}" data-block="${b.block_id}"><label>${esc(b.label.text)}${b.optional ? " <span class='hint'>(optional)</span>" : ""}</label>${control}${hint}${error}</div>`;
}

let lastErrors = null;

function renderModal() {
  const view = state.modal;
  const key = view ? view.id + view.hash : null;
  const errors = JSON.stringify(state.errors || {});
  if (key === lastModal) {
    // Same form, new errors: show them on their fields and keep what was typed (as Slack does).
    if (view && errors !== lastErrors) showErrors(state.errors || {});
    lastErrors = errors;
    return;
  }
  lastModal = key; lastErrors = errors;
  $("modal").style.display = view ? "flex" : "none";
  if (!view) return;
  const body = view.blocks.map((b) => b.type === "input" ? input(b, state.errors) : blocks([b], `data-view="${view.id}"`)).join("");
  $("modal-box").innerHTML = `<h3>${esc(view.title.text)}</h3><form id="modal-form">${body}
    <div><button type="submit" class="primary">${esc(view.submit?.text || "Submit")}</button>
    <button type="button" id="modal-close">${esc(view.close?.text || "Cancel")}</button></div></form>`;
}

function showErrors(errors) {
  for (const field of document.querySelectorAll("#modal-form .field")) {
    const message = errors[field.dataset.block];
    field.classList.toggle("invalid", !!message);
    let box = field.querySelector(".error");
    if (message && !box) { box = document.createElement("div"); box.className = "error"; field.appendChild(box); }
    if (box) { if (message) box.textContent = message; else box.remove(); }
  }
}

async function answers(form) {
  const out = {};
  for (const field of form.querySelectorAll(".field")) {
    const type = field.dataset.type, id = field.dataset.id, control = field.querySelector("[name]");
    if (type === "checkboxes") out[id] = [...field.querySelectorAll("input:checked")].map((c) => c.value);
    else if (control && control.multiple) out[id] = [...control.selectedOptions].map((o) => o.value);
    else if (type === "file_input") {
      const file = control.files[0];
      out[id] = file ? [(await act({ kind: "upload", name: file.name })).file] : [];
    } else out[id] = control && control.value !== "" ? control.value : null;
  }
  return out;
}

let busy = 0;  // acts in flight, shown as body[data-busy] for the browser tests to wait on

async function act(body) {
  document.body.dataset.busy = ++busy;
  try {
    const response = await fetch("/act", { method: "POST", body: JSON.stringify({ user: me, ...body }) });
    const result = await response.json();
    await refresh();
    return result;
  } finally {
    document.body.dataset.busy = --busy;
  }
}

async function refresh() {
  if (!me) return;
  const response = await fetch(`/state?user=${encodeURIComponent(me)}`);
  state = await response.json();
  render();
}

async function boot() {
  const first = await (await fetch(`/state?user=${encodeURIComponent(me || "none")}`)).json();
  if (!me || !first.people.find((p) => p.id === me)) me = first.people[0].id;
  await refresh();
  if (current === "home") await act({ kind: "home" });
  setInterval(refresh, 1000);
}

document.addEventListener("click", async (event) => {
  const target = event.target.closest("[data-action], [data-channel].item, #home-link, #modal-close, [data-open-dm], [data-move], [data-more], [data-shortcut], [data-thread], #thread-close, #menu");
  if (!target) { if (openMenu) { openMenu = null; render(); } return; }
  if (target.id === "menu") return $("nav").classList.toggle("open");
  if (target.id === "home-link") { open("home"); return act({ kind: "home" }); }
  if (target.id === "modal-close") return act({ kind: "close" });
  if (target.id === "thread-close") { thread = null; return render(); }
  if (target.dataset.openDm) { $("nav").classList.remove("open"); return act({ kind: "command", command: "/slate", text: "help" }); }
  if (target.dataset.move) {
    const result = await act({ kind: "clock", move: target.dataset.move });
    if (result.error) toast(result.error); else toast(`It is now ${result.now}${result.ran ? ` (${result.ran} scheduled ${result.ran === 1 ? "job" : "jobs"} ran)` : ""}`);
    return;
  }
  if (target.dataset.more) {
    const id = target.dataset.channel + target.dataset.more;
    openMenu = openMenu === id ? null : id; lastList = null; return render();
  }
  if (target.dataset.shortcut) {
    openMenu = null; lastList = null;
    return act({ kind: "shortcut", callback_id: target.dataset.shortcut, channel: target.dataset.channel, ts: target.dataset.ts });
  }
  if (target.dataset.thread) {
    openMenu = null; lastList = null;
    thread = { channel: target.dataset.channel, ts: target.dataset.thread }; $("thread").dataset.key = "";
    return render();
  }
  if (target.classList.contains("item")) { open(target.dataset.channel); return render(); }
  const action = { kind: "click", action_id: target.dataset.action, value: target.dataset.value };
  if (target.dataset.view) action.view_id = target.dataset.view;
  else { action.channel = target.dataset.channel; action.ts = target.dataset.ts; }
  return act(action);
});

document.addEventListener("change", (event) => {
  if (event.target.id === "file") {
    const file = event.target.files[0];
    $("chip").hidden = !file; $("chip").textContent = file ? "📎 " + file.name : "";
    return;
  }
  const select = event.target.closest("[data-select]");
  if (!select || !select.value) return;
  const action = { kind: "click", action_id: select.dataset.select, value: select.value };
  if (select.dataset.view) action.view_id = select.dataset.view;
  else { action.channel = select.dataset.channel; action.ts = select.dataset.ts; }
  act(action);
});

async function upload(file) {
  const { file: meta } = await act({ kind: "upload", name: file.name });
  await fetch(`/upload/${meta.id}`, { method: "POST", body: file });
  return meta;
}

document.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (event.target.id === "modal-form") {
    const result = await act({ kind: "submit", view_id: state.modal.id, answers: await answers(event.target) });
    if (result.error) toast(result.error);
    return;
  }
  if (event.target.id === "thread-composer") {
    const value = $("thread-text").value.trim();
    if (!value || !thread) return;
    $("thread-text").value = "";
    return act({ kind: "message", channel: thread.channel, thread_ts: thread.ts, text: value });
  }
  const box = $("text"), value = box.value.trim(), picker = $("file"), file = picker.files[0];
  if (!value && !file) return;
  box.value = "";
  const channel = current === "home" ? (state.channels.find((c) => c.is_im) || {}).id : current;
  if (value.startsWith("/") && !file) {
    const [command, ...rest] = value.split(" ");
    await act({ kind: "command", command, text: rest.join(" "), channel });
  } else if (channel) {
    const files = file ? [await upload(file)] : [];
    picker.value = ""; $("chip").hidden = true;
    stick = true;
    await act({ kind: "message", channel, text: value, files });
  }
  if (current === "home" && channel) { open(channel); render(); }
});

$("person").addEventListener("change", (event) => {
  me = event.target.value; localStorage.setItem("me", me); lastModal = null;
  open("home"); act({ kind: "home" });
});

boot();
