// Attachment upload: drag and drop onto the drop zone, upload with XMLHttpRequest so the progress bar can show
// upload progress. The antiforgery token goes in the RequestVerificationToken header (the server streams the
// multipart body and does not read the form itself). Without JavaScript the form posts normally.
(function () {
    'use strict';
    var form = document.getElementById('upload');
    if (!form) { return; }
    var zone = document.getElementById('dropzone');
    var input = document.getElementById('file');
    var progress = document.getElementById('progress');
    var status = document.getElementById('upload-status');
    var maxBytes = parseInt(form.getAttribute('data-max-bytes'), 10) || 0;
    var tokenField = form.querySelector('input[name="__RequestVerificationToken"]');

    function say(text) { status.textContent = text; }

    ['dragenter', 'dragover'].forEach(function (name) {
        zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.add('over'); });
    });
    ['dragleave', 'drop'].forEach(function (name) {
        zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.remove('over'); });
    });
    zone.addEventListener('drop', function (e) {
        if (e.dataTransfer && e.dataTransfer.files.length > 0) {
            input.files = e.dataTransfer.files;
            say(e.dataTransfer.files[0].name + ' seçildi.');
        }
    });

    form.addEventListener('submit', function (e) {
        e.preventDefault();
        var file = input.files && input.files[0];
        if (!file) { say('Dosya seçilmemiş.'); return; }
        if (file.size === 0) { say('Dosya boş (0 bayt).'); return; }
        if (maxBytes > 0 && file.size > maxBytes) { say('Dosya izin verilen boyutu aşıyor.'); return; }

        // Fields first, file last: the server reads them in this order while streaming.
        var data = new FormData();
        Array.prototype.forEach.call(form.elements, function (el) {
            if (!el.name || el.type === 'file' || el.name === '__RequestVerificationToken') { return; }
            if ((el.type === 'checkbox' || el.type === 'radio') && !el.checked) { return; }
            data.append(el.name, el.value);
        });
        data.append('file', file, file.name);

        var xhr = new XMLHttpRequest();
        xhr.open('POST', form.action);
        xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
        if (tokenField) { xhr.setRequestHeader('RequestVerificationToken', tokenField.value); }
        progress.hidden = false;
        progress.value = 0;
        xhr.upload.addEventListener('progress', function (ev) {
            if (ev.lengthComputable) { progress.value = Math.round((ev.loaded / ev.total) * 100); }
        });
        xhr.addEventListener('load', function () {
            var body = null;
            try { body = JSON.parse(xhr.responseText); } catch (ignored) { body = null; }
            if (body && body.ok) {
                say(body.message);
                window.location.assign(body.redirect || window.location.href);
            } else {
                progress.hidden = true;
                say(body && body.message ? body.message : 'Yükleme başarısız oldu (' + xhr.status + ').');
            }
        });
        xhr.addEventListener('error', function () { progress.hidden = true; say('Bağlantı hatası: yükleme tamamlanamadı.'); });
        say('Yükleniyor…');
        xhr.send(data);
    });
}());
