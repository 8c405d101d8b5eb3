// The browser's own form checks (required, maxlength, type, pattern…) speak the browser's language; this replaces their
// messages with Turkish ones on every page. A field may bring its own sentence in data-mesaj.
(function () {
  'use strict';

  function message(field) {
    var v = field.validity;
    var own = field.getAttribute('data-mesaj');
    if (own) { return own; }
    if (v.valueMissing) {
      if (field.type === 'checkbox') { return 'Devam etmek için bu kutuyu işaretleyin.'; }
      if (field.type === 'radio' || field.tagName === 'SELECT') { return 'Lütfen bir seçim yapın.'; }
      if (field.type === 'file') { return 'Lütfen bir dosya seçin.'; }
      return 'Lütfen bu alanı doldurun.';
    }
    if (v.typeMismatch) {
      return field.type === 'email' ? 'Geçerli bir e-posta adresi yazın (ör. ad@kurum.gov.tr).' : 'Geçerli bir değer yazın.';
    }
    if (v.tooShort) { return 'En az ' + field.minLength + ' karakter yazın (şu an ' + field.value.length + ').'; }
    if (v.tooLong) { return 'En fazla ' + field.maxLength + ' karakter yazılabilir.'; }
    if (v.patternMismatch) { return field.title ? 'İstenen biçimde yazın: ' + field.title : 'İstenen biçimde yazın.'; }
    if (v.rangeUnderflow) { return 'Değer en az ' + field.min + ' olmalıdır.'; }
    if (v.rangeOverflow) { return 'Değer en çok ' + field.max + ' olmalıdır.'; }
    if (v.stepMismatch || v.badInput) { return field.type === 'date' ? 'Geçerli bir tarih girin (gg.aa.yyyy).' : 'Geçerli bir değer girin.'; }
    return 'Bu alandaki değer geçerli değil.';
  }

  // "invalid" does not bubble; listening in the capture phase catches it for every field of the page.
  document.addEventListener('invalid', function (e) {
    var field = e.target;
    if (!field || typeof field.setCustomValidity !== 'function') { return; }
    field.setCustomValidity('');
    if (!field.validity.valid) { field.setCustomValidity(message(field)); }
  }, true);

  function clear(e) {
    if (e.target && typeof e.target.setCustomValidity === 'function') { e.target.setCustomValidity(''); }
  }
  document.addEventListener('input', clear, true);
  document.addEventListener('change', clear, true);
}());
