// The reception console (/console): one static page that talks to the admin
// API with the reception's key. The key is typed once, kept in sessionStorage
// (gone when the tab closes) and sent as "Authorization: Bearer", never in a
// URL. Its inline <script> and <style> are allowed by hash
// (security-headers.ts), so the script builds every node with textContent:
// a patient's words never become markup.
import { Router } from "express";

/** How often the inbox and the open chat are read again. */
export const CONSOLE_POLL_MS = 3000;

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.4 system-ui,sans-serif;color:#1b1b1b;background:#f4f5f7}
header{display:flex;gap:.5rem;align-items:center;justify-content:space-between;padding:.6rem 1rem;background:#0b5d4b;color:#fff}
header h1{font-size:1.1rem;margin:0}main{padding:.75rem;max-width:960px;margin:0 auto}
button,input,textarea,select{font:inherit}button{cursor:pointer;border:1px solid #0b5d4b;background:#fff;color:#0b5d4b;border-radius:6px;padding:.45rem .8rem}
button.primary{background:#0b5d4b;color:#fff}button:focus-visible,input:focus-visible,textarea:focus-visible,a:focus-visible{outline:3px solid #f0a500;outline-offset:2px}
nav{display:flex;gap:.4rem;margin-bottom:.75rem;flex-wrap:wrap}nav button[aria-pressed=true]{background:#0b5d4b;color:#fff}
label{display:block;font-weight:600;margin:.5rem 0 .2rem}input,textarea{width:100%;padding:.5rem;border:1px solid #888;border-radius:6px;background:#fff}
.card{background:#fff;border-radius:8px;padding:.75rem;margin-bottom:.6rem;box-shadow:0 1px 2px #0002}
ul.plain{list-style:none;padding:0;margin:0}.handoff{display:block;width:100%;text-align:left;color:#1b1b1b;border-color:#ccc;margin-bottom:.5rem}
.handoff strong{display:block}.muted{color:#555;font-size:.9rem}.wait{color:#9a3b00;font-weight:600}
ol.messages{list-style:none;padding:0;margin:0 0 .5rem;max-height:50vh;overflow-y:auto}
.msg{max-width:85%;margin:.3rem 0;padding:.45rem .6rem;border-radius:8px;white-space:pre-wrap;word-wrap:break-word}
.msg.in{background:#fff;border:1px solid #ddd}.msg.out{background:#dcf4e8;margin-left:auto}.msg .who{display:block;font-size:.75rem;color:#555}
.row{display:flex;gap:.5rem;flex-wrap:wrap;margin-top:.5rem}.spread{justify-content:space-between;align-items:center}.error{color:#b00020;min-height:1.2em}
table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:.3rem;border-bottom:1px solid #eee;font-size:.95rem}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}[hidden]{display:none!important}
`;

const BODY = `
<header><h1 id="title">Recepção</h1><button type="button" id="signout" hidden>Sair</button></header>
<main>
<p id="announce" class="sr-only" aria-live="polite"></p>
<p id="error" class="error" role="alert"></p>
<form id="signin" class="card">
  <label for="key">Chave de acesso da recepção</label>
  <input id="key" name="key" type="password" autocomplete="off" required>
  <div class="row"><button class="primary" type="submit">Entrar</button></div>
</form>
<div id="app" hidden>
  <nav aria-label="Seções">
    <button type="button" data-tab="inbox" aria-pressed="true">Atendimentos <span id="count"></span></button>
    <button type="button" data-tab="agenda" aria-pressed="false">Agenda de hoje</button>
    <button type="button" data-tab="waitlist" aria-pressed="false">Lista de espera</button>
  </nav>
  <section id="inbox" aria-labelledby="inbox-title">
    <h2 id="inbox-title">Pacientes esperando por uma pessoa</h2>
    <ul id="handoffs" class="plain"></ul>
    <p id="empty" class="muted">Ninguém esperando agora.</p>
  </section>
  <section id="chat" class="card" hidden aria-labelledby="chat-title">
    <div class="row spread"><h2 id="chat-title"></h2><button type="button" id="back">Voltar</button></div>
    <p id="chat-meta" class="muted"></p>
    <ol id="messages" class="messages" aria-live="polite" aria-label="Mensagens da conversa"></ol>
    <form id="reply">
      <label for="text">Resposta</label>
      <textarea id="text" rows="3" placeholder="Escreva para o paciente"></textarea>
      <label for="file">Anexar arquivo (PDF ou imagem, até 5 MB)</label>
      <input id="file" type="file" accept="application/pdf,image/jpeg,image/png,image/webp">
      <div class="row"><button class="primary" type="submit">Enviar</button>
        <button type="button" id="assign">Assumir</button><button type="button" id="close">Encerrar atendimento</button></div>
    </form>
  </section>
  <section id="agenda" hidden aria-labelledby="agenda-title"><h2 id="agenda-title">Agenda de hoje</h2><div id="agenda-list"></div></section>
  <section id="waitlist" hidden aria-labelledby="waitlist-title"><h2 id="waitlist-title">Lista de espera</h2><ul id="waitlist-list" class="plain"></ul></section>
</div>
</main>`;

const SCRIPT = `
(function () {
  var POLL = ${CONSOLE_POLL_MS};
  var KEY = "zelo.console.key";
  var me = null, openId = null, known = {}, timer = null, lastCount = -1;
  var $ = function (id) { return document.getElementById(id); };
  function el(tag, cls, text) { var n = document.createElement(tag); if (cls) n.className = cls; if (text != null) n.textContent = text; return n; }
  function say(text) { $("announce").textContent = text; }
  function fail(text) { $("error").textContent = text || ""; }
  function api(method, path, body) {
    var headers = { authorization: "Bearer " + sessionStorage.getItem(KEY) };
    if (body !== undefined) headers["content-type"] = "application/json";
    return fetch("/api/v1" + path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (res) {
        return res.text().then(function (t) {
          var json = t ? JSON.parse(t) : {};
          if (res.status === 401) { signOut(); throw new Error("Chave recusada. Entre de novo."); }
          if (!res.ok) throw new Error((json.error && json.error.message) || ("Erro " + res.status));
          return json;
        });
      });
  }
  var clinic = function (path) { return "/clinics/" + encodeURIComponent(me.clinicId) + path; };
  // Times in the clinic's zone, whatever the zone of the phone or computer.
  function time(iso) { return new Date(iso).toLocaleTimeString("pt-BR", { hour: "2-digit", minute: "2-digit", timeZone: (me && me.timeZone) || undefined }); }

  function signOut() { sessionStorage.removeItem(KEY); me = null; clearInterval(timer); $("app").hidden = true; $("signout").hidden = true; $("signin").hidden = false; $("title").textContent = "Recepção"; }
  function start() {
    return api("GET", "/me").then(function (who) {
      if (!who.clinicId) throw new Error("Use a chave de uma clínica.");
      me = who; fail("");
      $("signin").hidden = true; $("app").hidden = false; $("signout").hidden = false;
      $("title").textContent = "Recepção · " + (who.clinicName || "");
      refresh(); clearInterval(timer); timer = setInterval(refresh, POLL);
    }).catch(function (e) { fail(e.message); });
  }
  function refresh() {
    loadInbox().then(function () { if (openId) return loadChat(); }).catch(function (e) { fail(e.message); });
  }

  function loadInbox() {
    return api("GET", clinic("/handoffs")).then(function (data) {
      var list = $("handoffs"); list.textContent = "";
      data.handoffs.forEach(function (h) {
        if (lastCount >= 0 && !known[h.id]) say("Novo atendimento: " + (h.patientName || h.phone));
        known[h.id] = true;
        var li = el("li"), b = el("button", "handoff"); b.type = "button"; b.dataset.id = h.id;
        b.appendChild(el("strong", null, (h.patientName || "Paciente") + " · " + h.phone));
        b.appendChild(el("span", "wait", "Esperando há " + h.waitingMinutes + " min"));
        if (h.assignedTo) b.appendChild(el("span", "muted", " · com " + h.assignedTo));
        b.appendChild(el("span", "muted", "\\n" + (h.lastMessages.join(" / ") || h.reason)));
        b.addEventListener("click", function () { openChat(h.id); });
        li.appendChild(b); list.appendChild(li);
      });
      lastCount = data.handoffs.length;
      $("count").textContent = data.handoffs.length ? "(" + data.handoffs.length + ")" : "";
      $("empty").hidden = data.handoffs.length > 0;
    });
  }

  var shown = 0;
  function openChat(id) { openId = id; shown = 0; $("messages").textContent = ""; $("inbox").hidden = true; $("chat").hidden = false; loadChat().then(function () { $("text").focus(); }); }
  function closeChat() { openId = null; $("chat").hidden = true; $("inbox").hidden = false; refresh(); }
  function loadChat() {
    return api("GET", clinic("/handoffs/" + encodeURIComponent(openId))).then(function (data) {
      var h = data.handoff;
      $("chat-title").textContent = (h.patientName || "Paciente") + " · " + h.phone;
      $("chat-meta").textContent = "Pediu atendimento às " + time(h.since) + (h.assignedTo ? " · com " + h.assignedTo : "") + (h.closedAt ? " · encerrado" : "");
      var list = $("messages");
      data.messages.slice(shown).forEach(function (m) {
        var li = el("li", "msg " + m.direction);
        li.appendChild(el("span", "who", (m.direction === "in" ? "Paciente" : (m.staffName || "Assistente")) + " · " + time(m.at)));
        li.appendChild(document.createTextNode(m.text || m.caption || m.filename || "[" + m.type + "]"));
        list.appendChild(li);
      });
      shown = data.messages.length;
      list.scrollTop = list.scrollHeight;
    });
  }
  function readFile(file) {
    return new Promise(function (resolve, reject) {
      var r = new FileReader();
      r.onload = function () { resolve(String(r.result).split(",")[1] || ""); };
      r.onerror = function () { reject(new Error("Não consegui ler o arquivo.")); };
      r.readAsDataURL(file);
    });
  }
  function send(event) {
    event.preventDefault();
    var text = $("text").value.trim(), file = $("file").files[0];
    if (!text && !file) return;
    var sending = file
      ? readFile(file).then(function (data) { return api("POST", clinic("/handoffs/" + encodeURIComponent(openId) + "/messages"), { media: { data: data, mimetype: file.type, filename: file.name, caption: text || undefined } }); })
      : api("POST", clinic("/handoffs/" + encodeURIComponent(openId) + "/messages"), { text: text });
    sending.then(function () { $("text").value = ""; $("file").value = ""; fail(""); return loadChat(); }).catch(function (e) { fail(e.message); });
  }

  function showTab(name) {
    Array.prototype.forEach.call(document.querySelectorAll("nav button"), function (b) { b.setAttribute("aria-pressed", String(b.dataset.tab === name)); });
    $("inbox").hidden = name !== "inbox" || !!openId; $("chat").hidden = name !== "inbox" || !openId;
    $("agenda").hidden = name !== "agenda"; $("waitlist").hidden = name !== "waitlist";
    if (name === "agenda") loadAgenda(); if (name === "waitlist") loadWaitlist();
  }
  var STATUS = { booked: "agendada", confirmed: "confirmada", cancelled: "cancelada", attended: "atendida", no_show: "faltou" };
  function loadAgenda() {
    api("GET", clinic("/agenda")).then(function (data) {
      var box = $("agenda-list"); box.textContent = "";
      if (!data.professionals.length) box.appendChild(el("p", "muted", "Nenhuma consulta hoje."));
      data.professionals.forEach(function (p) {
        var card = el("div", "card"); card.appendChild(el("h3", null, p.name));
        var table = el("table"), head = el("tr");
        ["Hora", "Paciente", "Consulta", "Situação"].forEach(function (t) { head.appendChild(el("th", null, t)); });
        table.appendChild(head);
        p.appointments.forEach(function (a) {
          var tr = el("tr");
          [time(a.startsAt), a.patientName || a.phone, a.procedure, (STATUS[a.status] || a.status) + (a.confirmedAt ? " ✓" : "")].forEach(function (t) { tr.appendChild(el("td", null, t)); });
          table.appendChild(tr);
        });
        card.appendChild(table); box.appendChild(card);
      });
    }).catch(function (e) { fail(e.message); });
  }
  function loadWaitlist() {
    api("GET", clinic("/waitlist")).then(function (data) {
      var list = $("waitlist-list"); list.textContent = "";
      if (!data.entries.length) list.appendChild(el("li", "muted", "Ninguém na lista de espera."));
      data.entries.forEach(function (w) {
        var li = el("li", "card");
        li.appendChild(el("strong", null, (w.patientName || "Paciente") + " · " + w.phone));
        li.appendChild(el("div", "muted", w.procedure + (w.professional ? " com " + w.professional : "") + (w.status === "offered" ? " · vaga oferecida" : "")));
        list.appendChild(li);
      });
    }).catch(function (e) { fail(e.message); });
  }

  $("signin").addEventListener("submit", function (event) {
    event.preventDefault();
    sessionStorage.setItem(KEY, $("key").value.trim()); $("key").value = "";
    start();
  });
  $("signout").addEventListener("click", signOut);
  $("back").addEventListener("click", closeChat);
  $("reply").addEventListener("submit", send);
  $("text").addEventListener("keydown", function (event) { if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) send(event); });
  $("assign").addEventListener("click", function () { api("POST", clinic("/handoffs/" + encodeURIComponent(openId) + "/assign"), { to: me.name }).then(loadChat).catch(function (e) { fail(e.message); }); });
  $("close").addEventListener("click", function () {
    api("POST", clinic("/handoffs/" + encodeURIComponent(openId) + "/close")).then(function () { say("Atendimento encerrado. O assistente volta a responder."); closeChat(); }).catch(function (e) { fail(e.message); });
  });
  Array.prototype.forEach.call(document.querySelectorAll("nav button"), function (b) { b.addEventListener("click", function () { showTab(b.dataset.tab); }); });
  if (sessionStorage.getItem(KEY)) start();
})();
`;

export function consolePage(): string {
  return `<!doctype html>
<html lang="pt-BR"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Recepção · Zelo</title><style>${STYLE}</style></head>
<body>${BODY}<script>${SCRIPT}</script></body></html>`;
}

export function consoleRouter(): Router {
  const router = Router();
  const html = consolePage();
  router.get("/console", (_req, res) => {
    res.type("html").send(html);
  });
  return router;
}
