// E-signature login: certificates from the local agent, a server challenge, the card's signature, then the session cookie.
// The PIN goes only to the agent on 127.0.0.1 (and from there to the card); the server never sees it.
(function () {
  "use strict";
  const root = document.getElementById("card-login");
  if (!root) { return; }
  const bridge = root.dataset.bridge;
  const select = document.getElementById("card-login-cert");
  const pin = document.getElementById("card-login-pin");
  const message = document.getElementById("card-login-message");
  const token = () => document.querySelector("input[name=__RequestVerificationToken]").value;
  const returnUrl = () => (document.querySelector("input[name=ReturnUrl]") || {}).value || "";

  function show(text) { message.textContent = text; message.hidden = !text; }

  async function agent(path, body) {
    let response;
    try {
      response = await fetch(bridge + path, body ? { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) } : {});
    } catch {
      throw new Error("İmza Ajanı'na ulaşılamadı. Ajanın çalıştığını ve tarayıcıda yerel ağ erişimine izin verdiğinizi kontrol edin (Yardım: İmza Ajanı'nı kurma).");
    }
    const json = await response.json();
    if (!response.ok) {
      throw new Error(json.message + (json.nextStep ? " " + json.nextStep : ""));
    }
    return json;
  }

  async function server(handler, fields) {
    const form = new URLSearchParams(fields);
    form.set("__RequestVerificationToken", token());
    const response = await fetch("/Account/Login?handler=" + handler + "&ReturnUrl=" + encodeURIComponent(returnUrl()), { method: "POST", body: form, credentials: "same-origin" });
    const json = await response.json();
    if (!response.ok) { throw new Error(json.message || "Giriş yapılamadı."); }
    return json;
  }

  document.getElementById("card-login-start").addEventListener("click", async () => {
    show("");
    try {
      const list = await agent("/v1/certificates");
      select.replaceChildren(...list.certificates.map((c) => {
        const option = document.createElement("option");
        option.value = c.certificate;
        option.textContent = `${c.subject} — ${c.issuer} — son geçerlilik ${new Date(c.notAfter).toLocaleDateString("tr-TR", { timeZone: "Europe/Istanbul" })}`;
        return option;
      }));
      if (!list.certificates.length) { show("Kartta imza sertifikası bulunamadı."); return; }
      document.getElementById("card-login-form").hidden = false;
      pin.focus();
    } catch (e) { show(e.message); }
  });

  document.getElementById("card-login-submit").addEventListener("click", async () => {
    show("");
    try {
      const challenge = await server("Challenge", {});
      const signed = await agent("/v1/sign", { certificate: select.value, digestAlgorithm: challenge.digestAlgorithm, digests: [challenge.digest], pin: pin.value });
      pin.value = "";
      const done = await server("Card", { nonce: challenge.nonce, certificate: select.value, signature: signed.signatures[0] });
      window.location.assign(done.redirect);
    } catch (e) { pin.value = ""; show(e.message); }
  });
})();
