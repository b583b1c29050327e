// Runs before the widget on every /embed/ page (a separate file: the pages allow no
// inline script). It applies ?locale=, ?capture= and ?face-wasm= to the page's <argos-kyc>, and
// records what the e2e specs check: the widget's kyc-* events, CSP violations, and
// any change to global styles or to history. Nothing here is needed to embed the widget.
'use strict';
(function () {
  var params = new URLSearchParams(location.search);
  var widget = document.querySelector('argos-kyc');
  if (widget) {
    if (params.get('locale')) widget.setAttribute('locale', params.get('locale'));
    if (params.get('capture') === 'upload') widget.setAttribute('capture', 'upload');
    if (params.get('face-wasm') === 'off') widget.setAttribute('face-wasm', 'off');
    if (params.get('bridge-commands')) widget.setAttribute('bridge-commands', params.get('bridge-commands'));
  }

  function globalStyles() {
    var root = getComputedStyle(document.documentElement);
    return {
      styleSheets: document.styleSheets.length,
      adoptedStyleSheets: document.adoptedStyleSheets.length,
      headStyleElements: document.head.querySelectorAll('style').length,
      bodyStyleElements: document.body.querySelectorAll(':scope > style').length,
      rootStyleAttribute: document.documentElement.getAttribute('style'),
      bodyStyleAttribute: document.body.getAttribute('style'),
      rootCustomProperty: root.getPropertyValue('--argos-kyc-color-primary'),
    };
  }

  var record = {
    events: [],
    violations: [],
    historyCalls: [],
    stylesBefore: globalStyles(),
    globalStyles: globalStyles,
  };
  window.embedRecord = record;

  document.addEventListener('securitypolicyviolation', function (e) {
    record.violations.push({
      directive: e.violatedDirective,
      blocked: e.blockedURI,
      source: e.sourceFile,
      line: e.lineNumber,
    });
  });
  ['pushState', 'replaceState', 'back', 'forward', 'go'].forEach(function (name) {
    var original = history[name];
    history[name] = function () {
      record.historyCalls.push(name);
      return original.apply(this, arguments);
    };
  });
  [
    'kyc-step-change',
    'kyc-error',
    'kyc-exit',
    'kyc-attempt',
    'kyc-complete',
    'kyc-consent',
    'kyc-done',
  ].forEach(function (type) {
    document.addEventListener(type, function (e) {
      record.events.push({ type: type, detail: e.detail });
      var log = document.getElementById('event-log');
      if (log) {
        var item = document.createElement('li');
        item.textContent = type + ' ' + JSON.stringify(e.detail);
        log.append(item);
      }
    });
  });
})();
