// Verification-code fallback for the signing pages: when the agent cannot be reached, ask the server for a one-time
// code, show it with a countdown, and poll until the agent (`mys-bridge code`) has signed or the code ran out.
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

  async function start(container, options) {
    container.replaceChildren();
    const response = await fetch("/api/signing/codes", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "RequestVerificationToken": token() },
      body: JSON.stringify({ purpose: "PaymentOrder", targets: options.targets }),
    });
    const issued = await response.json();
    if (!response.ok) {
      container.textContent = issued.message || "Doğrulama kodu alınamadı.";
      return;
    }

    const code = document.createElement("p");
    code.className = "signing-code";
    code.textContent = grouped(issued.code);
    const hint = document.createElement("p");
    hint.textContent = "Bilgisayarınızda \"mys-bridge code --server " + window.location.origin + "\" komutunu çalıştırın ve bu kodu girin.";
    const countdown = document.createElement("p");
    countdown.setAttribute("aria-live", "polite");
    container.append(code, hint, countdown);

    const expires = new Date(issued.expiresAt).getTime();
    const tick = setInterval(() => {
      const left = Math.max(0, Math.ceil((expires - Date.now()) / 1000));
      countdown.textContent = "Kalan süre: " + Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
    }, 1000);

    const poll = setInterval(async () => {
      const status = await (await fetch("/api/signing/codes/" + issued.id, { credentials: "same-origin" })).json();
      const texts = {
        signing: "Kod kullanıldı; kartınızla imzalanıyor…",
        completed: "İmzalama tamamlandı.",
        failed: status.message || "İmzalama tamamlanamadı.",
        expired: "Kodun süresi doldu. Yeni kod alın.",
      };
      if (texts[status.status]) { hint.textContent = texts[status.status]; }
      if (status.status === "completed" || status.status === "failed" || status.status === "expired") {
        clearInterval(poll);
        clearInterval(tick);
        countdown.textContent = "";
        if (options.onDone) { options.onDone(status); }
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
          if (status.status === "completed") { window.location.reload(); } else { button.disabled = false; }
        },
      });
    });
  }
})();
