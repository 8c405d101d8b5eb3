// Verification-code fallback for the signing pages: when the agent cannot be reached from this page, ask the server
// for a one-time code, show it large with a copy button and a countdown, and follow the job until the agent's own page
// has signed (then show what was signed), failed (say why) or the code ran out.
// Usage: MysSigningCode.start(containerElement, { targets: [ÖEB ids], onDone: (status) => … }).
(function () {
  "use strict";
  const POLL_MS = 2000;

  function token() {
    const input = document.querySelector("input[name=__RequestVerificationToken]");
    if (input) { return input.value; }
    const holder = document.querySelector("[data-antiforgery]");
    return holder ? holder.getAttribute("data-antiforgery") : "";
  }

  function grouped(code) { return code.replace(/(\d{5})(?=\d)/g, "$1 "); }

  function element(tag, className, text) {
    const made = document.createElement(tag);
    if (className) { made.className = className; }
    if (text !== undefined) { made.textContent = text; }
    return made;
  }

  // The summary table's rows follow the result: state and "İmzalandı" / "İmzalanmadı".
  function markRows(results) {
    (results || []).forEach((r) => {
      const row = document.querySelector("#summary tbody tr[data-id='" + r.id + "']");
      if (!row) { return; }
      const cells = row.querySelectorAll("td");
      if (cells.length >= 4) { cells[3].textContent = r.state; }
      const result = row.querySelector("[data-result]");
      if (result) { result.textContent = r.signed ? "İmzalandı" : "İmzalanmadı"; }
      row.classList.add(r.signed ? "signed" : "refused");
    });
  }

  function outcome(container, status) {
    const results = status.results || [];
    const signed = results.filter((r) => r.signed);
    const box = element("div", status.status === "completed" && signed.length > 0 ? "alert success" : "alert error");
    box.id = "signing-code-result";
    box.setAttribute("role", status.status === "completed" ? "status" : "alert");
    box.setAttribute("data-status", status.status);
    if (status.status === "completed") {
      box.append(element("p", "", signed.length > 0
        ? "İmzalama tamamlandı: " + signed.length + " ÖEB imzanızla imzalandı."
        : "İmza ajanı işi bitirdi, ancak seçilen ÖEB'lerin hiçbiri imzalanmadı."));
    } else if (status.status === "failed") {
      box.append(element("p", "", "İmzalama tamamlanamadı: " + (status.message || "bilinmeyen hata") + " Hiçbir belge bu kodla imzalanmadı; yeni kod alarak yeniden deneyin."));
    } else {
      box.append(element("p", "", "Kodun süresi doldu; hiçbir belge imzalanmadı. Yeni kod alarak yeniden deneyin."));
    }
    if (results.length > 0) {
      const list = element("ul");
      results.forEach((r) => list.append(element("li", "", r.number + (r.version > 1 ? " (s. " + r.version + ")" : "") + " — " + (r.signed ? "imzalandı" : "imzalanmadı") + " · " + r.state)));
      box.append(list);
    }
    const back = document.getElementById("signing") && document.getElementById("signing").getAttribute("data-done-url");
    if (status.status === "completed" && back) {
      const link = element("a", "", "ÖEB listesine dön");
      link.href = back;
      const p = element("p");
      p.append(link);
      box.append(p);
    }
    container.replaceChildren(box);
    markRows(results);
  }

  async function start(container, options) {
    container.replaceChildren();
    container.hidden = false;
    const response = await fetch("/api/signing/codes", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "RequestVerificationToken": token() },
      body: JSON.stringify({ purpose: "PaymentOrder", targets: options.targets }),
    });
    const issued = await response.json();
    if (!response.ok) {
      container.replaceChildren(element("div", "alert error", issued.message || "Doğrulama kodu alınamadı."));
      return;
    }

    const agentPage = document.getElementById("agent-code-page");
    const box = element("div", "code-box");
    box.append(element("p", "", "Doğrulama kodunuz:"));
    const code = element("p", "signing-code", grouped(issued.code));
    code.setAttribute("data-code", issued.code);
    const copy = element("button", "secondary", "Kodu kopyala");
    copy.type = "button";
    copy.id = "signing-code-copy";
    copy.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(issued.code);
        copy.textContent = "Kopyalandı";
      } catch (e) {
        const range = document.createRange();
        range.selectNodeContents(code);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        copy.textContent = "Kod seçildi; Ctrl+C ile kopyalayın";
      }
    });
    const countdown = element("p", "code-countdown");
    countdown.setAttribute("aria-live", "polite");
    const steps = element("ol", "code-steps");
    const first = element("li", "", "İmza ajanının sayfasını açın: ");
    if (agentPage) {
      const link = element("a", "", agentPage.textContent);
      link.href = agentPage.href;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      first.append(link);
    }
    steps.append(first,
      element("li", "", "Bu kodu sayfadaki \"Doğrulama kodu\" alanına yazın ya da yapıştırın."),
      element("li", "", "Kartınızdaki sertifikayı seçin ve PIN'inizi girin."),
      element("li", "", "İmza bitince bu sayfa sonucu kendiliğinden gösterir; sayfayı kapatmayın."));
    const state = element("p", "code-state", "Kod bekleniyor…");
    state.setAttribute("role", "status");
    box.append(code, copy, countdown, steps, state);
    container.replaceChildren(box);

    const expires = new Date(issued.expiresAt).getTime();
    const showLeft = () => {
      const left = Math.max(0, Math.ceil((expires - Date.now()) / 1000));
      countdown.textContent = "Kalan süre: " + Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
    };
    showLeft();
    const tick = setInterval(showLeft, 1000);

    let busy = false;
    const poll = setInterval(async () => {
      if (busy) { return; }
      busy = true;
      try {
        const answer = await fetch("/api/signing/codes/" + issued.id, { credentials: "same-origin", cache: "no-store" });
        if (!answer.ok) { return; }
        const status = await answer.json();
        if (status.status === "signing") { state.textContent = "Kod kullanıldı; kartınızla imzalanıyor…"; }
        if (status.status === "completed" || status.status === "failed" || status.status === "expired") {
          clearInterval(poll);
          clearInterval(tick);
          outcome(container, status);
          if (options.onDone) { options.onDone(status); }
        }
      } catch (e) {
        state.textContent = "Sunucuya ulaşılamadı; yeniden deneniyor…";
      } finally {
        busy = false;
      }
    }, POLL_MS);
  }

  window.MysSigningCode = { start };

  // The signing page offers the code when the agent cannot be reached (button inside its "agent missing" box).
  const button = document.getElementById("signing-code-start");
  if (button) {
    button.addEventListener("click", () => {
      button.disabled = true;
      const targets = Array.from(document.querySelectorAll("#summary tbody tr[data-id]")).map((row) => row.getAttribute("data-id"));
      start(document.getElementById("signing-code"), {
        targets,
        onDone: (status) => {
          if (status.status === "completed") {
            const root = document.getElementById("signing");
            if (root) { root.setAttribute("data-state", "code-done"); }
            // The agent problem is over for this batch: only the result stays on the page.
            ["agent-missing", "message", "retry", "sign"].forEach((id) => {
              const shown = document.getElementById(id);
              if (shown) { shown.hidden = true; }
            });
            const agentStatus = document.getElementById("agent-status");
            if (agentStatus) { agentStatus.textContent = "Doğrulama koduyla, İmza Ajanı'nın sayfasından imzalandı."; }
          } else {
            button.disabled = false;
          }
        },
      });
    });
  }
})();
