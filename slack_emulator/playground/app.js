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
  arrow_down: "⬇️", camera: "📷", wastebasket: "🗑️", arrows_counterclockwise: "🔄" };

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

function renderMessage(m) {
  const ctx = `data-channel="${m.channel}" data-ts="${m.ts}"`;
  const when = new Date(parseFloat(m.ts) * 1000).toLocaleTimeString([], { hour: "numeric", minute: "2-digit" });
  const body = m.blocks && m.blocks.length ? blocks(m.blocks, ctx) : mrkdwn(m.text);
  const files = (m.files || []).map((f) => f.name && f.name.endsWith(".png")
    ? `<div class="file"><img class="chart" src="/files/${f.id}" alt="${esc(f.title)}"></div>`
    : `<div class="file">📎 <a href="/files/${f.id}" target="_blank">${esc(f.title || f.name)}</a></div>`).join("");
  const cls = ["msg", m.ephemeral ? "ephemeral" : "", m.thread_ts && m.thread_ts !== m.ts ? "reply" : ""].join(" ");
  return `<div class="${cls}"><span class="who">${esc(m.user)}</span><span class="when">${when}${m.edited ? " (edited)" : ""}</span>${body}${files}</div>`;
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
  if (current === "home") {
    $("title").textContent = "Home";
    $("messages").innerHTML = state.home ? blocks(state.home.blocks, `data-view="${state.home.id}"`) : "<p>Opening…</p>";
  } else {
    const channel = state.channels.find((c) => c.id === current);
    $("title").textContent = channel ? (channel.is_im ? "Slate (direct message)" : "# " + channel.name) : "";
    const list = state.messages[current] || [];
    const box = $("messages");
    const atBottom = box.scrollTop + box.clientHeight >= box.scrollHeight - 40;
    box.innerHTML = list.map(renderMessage).join("") || "<p class='hint'>No messages yet.</p>";
    if (atBottom) box.scrollTop = box.scrollHeight;
  }
  renderModal();
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

function renderModal() {
  const view = state.modal;
  const key = view ? view.id + view.hash + JSON.stringify(state.errors) : null;
  if (key === lastModal) return;
  lastModal = key;
  $("modal").style.display = view ? "flex" : "none";
  if (!view) return;
  const body = view.blocks.map((b) => b.type === "input" ? input(b, state.errors) : blocks([b], `data-view="${view.id}"`)).join("");
  $("modal-box").innerHTML = `<h3>${esc(view.title.text)}</h3><form id="modal-form">${body}
    <div><button type="submit" class="primary">${esc(view.submit?.text || "Submit")}</button>
    <button type="button" id="modal-close">${esc(view.close?.text || "Cancel")}</button></div></form>`;
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
  const target = event.target.closest("[data-action], [data-channel].item, #home-link, #modal-close, [data-open-dm]");
  if (!target) return;
  if (target.id === "home-link") { current = "home"; localStorage.setItem("channel", current); return act({ kind: "home" }); }
  if (target.id === "modal-close") return act({ kind: "close" });
  if (target.dataset.openDm) { return act({ kind: "command", command: "/slate", text: "help" }); }
  if (target.classList.contains("item")) { current = target.dataset.channel; localStorage.setItem("channel", current); return render(); }
  const action = { kind: "click", action_id: target.dataset.action, value: target.dataset.value };
  if (target.dataset.view) action.view_id = target.dataset.view;
  else { action.channel = target.dataset.channel; action.ts = target.dataset.ts; }
  return act(action);
});

document.addEventListener("change", (event) => {
  const select = event.target.closest("[data-select]");
  if (!select || !select.value) return;
  const action = { kind: "click", action_id: select.dataset.select, value: select.value };
  if (select.dataset.view) action.view_id = select.dataset.view;
  else { action.channel = select.dataset.channel; action.ts = select.dataset.ts; }
  act(action);
});

document.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (event.target.id === "modal-form") {
    const result = await act({ kind: "submit", view_id: state.modal.id, answers: await answers(event.target) });
    if (result.error) alert(result.error);
    return;
  }
  const box = $("text"), value = box.value.trim();
  if (!value) return;
  box.value = "";
  const channel = current === "home" ? (state.channels.find((c) => c.is_im) || {}).id : current;
  if (value.startsWith("/")) {
    const [command, ...rest] = value.split(" ");
    await act({ kind: "command", command, text: rest.join(" "), channel });
  } else if (channel) {
    await act({ kind: "message", channel, text: value });
  }
  if (current === "home" && channel) { current = channel; render(); }
});

$("person").addEventListener("change", (event) => {
  me = event.target.value; localStorage.setItem("me", me); lastModal = null;
  current = "home"; act({ kind: "home" });
});

boot();
