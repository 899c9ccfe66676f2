/**
 * The page's script: plain browser JavaScript (no framework, no build step of its own), talking to
 * the simulator's JSON API on the same server. It builds every element with the DOM API and sets
 * text with `textContent`, so that nothing the skill or the shopper says is read as HTML.
 */
export const PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var SIZE_LIMIT = 24 * 1024;
  var byId = function (id) { return document.getElementById(id); };
  var ui = {
    locale: byId('locale'),
    device: byId('device'),
    consent: byId('consent'),
    voice: byId('voice-purchasing'),
    scenario: byId('scenario'),
    scenarioDescription: byId('scenario-description'),
    newSession: byId('new-session'),
    reset: byId('reset'),
    examples: byId('examples'),
    turns: byId('turns'),
    form: byId('say-form'),
    input: byId('say-input'),
    sayButton: byId('say-button'),
    status: byId('status'),
    order: byId('order'),
    envelopes: byId('envelopes')
  };
  var known = { scenarios: [], locales: [], directivesAnswered: 0 };
  var busy = false;

  function el(tag, props, children) {
    var node = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (key) {
        var value = props[key];
        if (value === undefined || value === null || value === false) return;
        if (key === 'className') node.className = value;
        else if (key === 'text') node.textContent = value;
        else node.setAttribute(key, value === true ? '' : String(value));
      });
    }
    (children || []).forEach(function (child) {
      if (child === undefined || child === null || child === false) return;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function settings() {
    return {
      locale: ui.locale.value,
      device: ui.device.value,
      consent: ui.consent.value,
      voicePurchasing: ui.voice.checked,
      scenario: ui.scenario.value
    };
  }

  function api(method, path, body) {
    var init = { method: method, headers: { Accept: 'application/json' } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok) throw new Error(json && json.error ? json.error : response.statusText);
        return json;
      });
    });
  }

  function setStatus(text, isError) {
    ui.status.textContent = text;
    ui.status.className = isError ? 'status error' : 'status';
    ui.status.setAttribute('role', isError ? 'alert' : 'status');
  }

  function setBusy(value) {
    busy = value;
    ui.sayButton.disabled = value;
    ui.newSession.disabled = value;
    ui.reset.disabled = value;
    ui.turns.setAttribute('aria-busy', value ? 'true' : 'false');
  }

  function kilobytes(bytes) {
    return (bytes / 1024).toFixed(bytes < 10240 ? 2 : 1) + ' KB';
  }

  function clock(iso) {
    var date = new Date(iso);
    if (isNaN(date.getTime())) return iso;
    var pad = function (n, width) { return String(n).padStart(width || 2, '0'); };
    return pad(date.getHours()) + ':' + pad(date.getMinutes()) + ':' + pad(date.getSeconds()) + '.' + pad(date.getMilliseconds(), 3);
  }

  function shortId(id) {
    return id && id.length > 14 ? '…' + id.slice(-10) : id;
  }

  function renderCard(card) {
    var inner;
    if (card.type === 'AskForPermissionsConsent') {
      inner = el('div', { className: 'card-inner' }, [
        el('h4', { text: 'Permission required' }),
        el('p', { className: 'card-body', text: 'This skill asks for: ' + (card.permissions || []).join(', ') + ' (Amazon Pay)' }),
        el('span', { className: 'card-action', text: 'Manage permissions' })
      ]);
    } else if (card.type === 'LinkAccount') {
      inner = el('div', { className: 'card-inner' }, [
        el('h4', { text: 'Link your account' }),
        el('span', { className: 'card-action', text: 'Link account' })
      ]);
    } else {
      inner = el('div', { className: 'card-inner' }, [
        card.title ? el('h4', { text: card.title }) : null,
        card.body ? el('p', { className: 'card-body', text: card.body }) : null,
        card.imageUrl ? el('p', { className: 'hint', text: 'Image: ' + card.imageUrl }) : null
      ]);
    }
    return el('figure', { className: 'alexa-card', 'data-card-type': card.type }, [
      el('figcaption', { className: 'card-app' }, [
        el('span', { text: 'Alexa app' }),
        el('span', { text: card.type + ' card' })
      ]),
      inner
    ]);
  }

  function renderSpeech(label, speech, className) {
    var parts = [el('p', { className: className }, [
      label ? el('span', { className: 'sr-only', text: label + ': ' }) : null,
      label === 'Reprompt' ? 'Reprompt: ' : null,
      speech.text === '' ? '(silence)' : speech.text
    ])];
    if (speech.ssml) {
      parts.push(el('details', { className: 'ssml' }, [
        el('summary', { text: (label === 'Reprompt' ? 'Reprompt SSML' : 'SSML') }),
        el('pre', {}, [el('code', { text: speech.ssml })])
      ]));
    }
    return parts;
  }

  function renderAlexa(turn) {
    var children = [el('span', { className: 'who', text: 'Alexa' })];
    if (turn.speech) children = children.concat(renderSpeech('Alexa says', turn.speech, 'speech'));
    else children.push(el('p', { className: 'speech', text: '(says nothing)' }));
    if (turn.reprompt) children = children.concat(renderSpeech('Reprompt', turn.reprompt, 'reprompt'));
    if (turn.directives.length > 0) {
      children.push(el('ul', { className: 'directives', 'aria-label': 'Directives' }, turn.directives.map(function (d) {
        return el('li', { className: d.connections ? 'connections' : '' }, ['→ ' + d.summary]);
      })));
    }
    if (turn.card) children.push(renderCard(turn.card));
    children.push(el('p', { className: 'session-note', text: turn.sessionOpen ? 'The session stays open: the shopper can answer.' : 'The session ends.' }));
    return el('div', { className: 'bubble alexa' }, children);
  }

  function renderTurn(turn) {
    var meta = '#' + turn.index + ' · ' + turn.requestType + ' · session ' + shortId(turn.session.id) + (turn.session.new ? ' (new)' : '') + ' · ' + clock(turn.at);
    var children = [el('p', { className: 'turn-meta', text: meta })];
    if (turn.kind === 'shopper') {
      children.push(el('div', { className: 'bubble shopper' }, [
        el('span', { className: 'who', text: 'Shopper' }),
        el('p', { text: turn.say })
      ]));
      children.push(el('p', { className: 'heard', text: 'Alexa heard: ' + turn.understood }));
    } else if (turn.kind === 'amazonPay') {
      children.push(el('div', { className: 'bubble amazonpay' }, [
        el('span', { className: 'who', text: 'Amazon Pay' }),
        el('p', { className: 'answer', text: 'Amazon Pay: ' + turn.answer }),
        el('p', { text: 'Answering ' + turn.directive.summary }),
        el('p', { className: 'session-note', text: 'Scenario: ' + turn.behaviour + '. Sent to the skill as a Connections.Response in a new session (' + shortId(turn.session.id) + ').' })
      ]));
    } else {
      children.push(el('div', { className: 'bubble system' }, [
        el('p', { text: 'The session ends: SessionEndedRequest (USER_INITIATED).' })
      ]));
    }
    if (turn.kind !== 'sessionEnded' || turn.speech) children.push(renderAlexa(turn));
    return el('li', { className: 'turn turn-' + turn.kind, id: 'turn-' + turn.index, 'data-kind': turn.kind }, children);
  }

  function json(value) {
    return el('pre', {}, [el('code', { text: JSON.stringify(value, null, 2) })]);
  }

  function renderEnvelopes(turn) {
    var request = turn.request && turn.request.request ? turn.request.request : {};
    var requestLabel = request.type + (request.intent ? ' ' + request.intent.name : '') + (request.name ? ' ' + request.name : '');
    var fromPay = request.type === 'Connections.Response';
    var payDirectives = turn.directives.filter(function (d) { return d.connections; });
    var response = turn.response || {};
    var responseDirectives = response.response && response.response.directives ? response.response.directives : [];
    var over = turn.responseBytes > SIZE_LIMIT;
    var percent = Math.round(turn.responseBytes / SIZE_LIMIT * 100);
    var sizeText = kilobytes(turn.responseBytes) + ' of 24 KB (' + percent + '%)' + (over ? ': over Alexa\'s limit' : '');

    var requestItem = el('li', { className: fromPay ? 'connections' : '', 'data-envelope': 'request', 'data-turn': turn.index }, [
      el('details', {}, [
        el('summary', {}, [
          '#' + turn.index + ' Request: ' + requestLabel + ' ',
          fromPay ? el('span', { className: 'tag', text: 'Connections.Response' }) : null,
          el('span', { className: 'size', text: ' ' + kilobytes(turn.requestBytes) })
        ]),
        el('div', { className: 'envelope-body' }, [json(turn.request)])
      ])
    ]);
    var body = [];
    responseDirectives.forEach(function (directive) {
      if (directive && directive.type === 'Connections.SendRequest') {
        body.push(el('p', { className: 'hint', text: 'Connections directive (' + directive.name + '):' }));
        body.push(json(directive));
      }
    });
    body.push(el('p', { className: 'hint', text: 'The whole response envelope:' }));
    body.push(json(turn.response));
    var meter = el('meter', { min: 0, max: SIZE_LIMIT, low: SIZE_LIMIT * 0.6, high: SIZE_LIMIT * 0.9, optimum: 0, value: turn.responseBytes, 'aria-label': 'Response size ' + sizeText });
    var responseItem = el('li', { className: payDirectives.length > 0 ? 'connections' : '', 'data-envelope': 'response', 'data-turn': turn.index }, [
      el('details', {}, [
        el('summary', {}, [
          '#' + turn.index + ' Response ',
          payDirectives.length > 0 ? el('span', { className: 'tag', text: 'Connections.SendRequest ' + payDirectives.map(function (d) { return d.name; }).join(', ') }) : null,
          ' ',
          meter,
          el('span', { className: over ? 'size over' : 'size', text: ' ' + sizeText })
        ]),
        el('div', { className: 'envelope-body' }, body)
      ])
    ]);
    ui.envelopes.appendChild(requestItem);
    ui.envelopes.appendChild(responseItem);
  }

  function fact(term, value) {
    if (value === undefined || value === null || value === '') return [];
    return [el('dt', { text: term }), el('dd', { text: String(value) })];
  }

  function renderOrder(order) {
    ui.order.textContent = '';
    if (!order) {
      ui.order.appendChild(el('p', { className: 'hint', text: 'No order yet: try “buy two bags of coffee”.' }));
      return;
    }
    ui.order.appendChild(el('p', { className: 'order-head' }, [
      el('span', { text: 'Status' }),
      el('strong', { className: 'badge status-' + order.status, id: 'order-status', text: order.status }),
      el('span', { className: 'payment', id: 'order-payment', text: order.payment })
    ]));
    ui.order.appendChild(el('p', { className: 'order-id' }, [
      'Order ', el('code', { text: order.orderId }), ' · total ' + order.total + ' · attempt ' + order.attempt
    ]));
    ui.order.appendChild(el('h3', { text: 'Statuses, read from the store' }));
    ui.order.appendChild(el('ol', { className: 'timeline', id: 'timeline' }, order.history.map(function (entry, i) {
      return el('li', { className: i === order.history.length - 1 ? 'last' : '', 'data-status': entry.status }, [
        el('strong', { text: entry.status }),
        el('time', { datetime: entry.at, text: clock(entry.at) })
      ]);
    })));
    ui.order.appendChild(el('h3', { text: 'Tokens on the wire' }));
    if (order.wire.length === 0) {
      ui.order.appendChild(el('p', { className: 'hint', text: 'No Connections directive for this order yet.' }));
    } else {
      ui.order.appendChild(el('ul', { className: 'wire', id: 'wire' }, order.wire.map(function (w) {
        return el('li', {}, [
          w.directive + ' (turn #' + w.turn + '): token ',
          el('code', { text: w.token }),
          ' = ' + w.means + (w.matches ? ' ✓' : ' ✗ (does not match the order)')
        ]);
      })));
    }
  
    var facts = [].concat(
      fact('Order id', order.orderId),
      fact('Attempt', order.attempt),
      fact('authorizationReferenceId', order.authorizationReferenceId),
      fact('Billing agreement', order.billingAgreementId),
      fact('Amazon authorization', order.amazonAuthorizationId),
      fact('Last Amazon Pay answer', order.lastOutcome)
    );
    ui.order.appendChild(el('h3', { text: 'Ids and amounts' }));
    ui.order.appendChild(el('dl', { className: 'facts' }, facts));
    var rows = order.lines.map(function (line) {
      return el('tr', {}, [
        el('td', { text: line.quantity + ' × ' + line.name }),
        el('td', { className: 'num', text: line.lineTotal })
      ]);
    });
    [['Subtotal', order.subtotal], ['Delivery', order.shipping], ['Tax', order.tax], ['Total', order.total]].forEach(function (pair) {
      rows.push(el('tr', {}, [el('th', { scope: 'row', text: pair[0] }), el('td', { className: 'num', text: pair[1] })]));
    });
    ui.order.appendChild(el('table', { className: 'lines' }, [
      el('caption', { className: 'sr-only', text: 'Items and amounts' }),
      el('thead', {}, [el('tr', {}, [el('th', { scope: 'col', text: 'Item' }), el('th', { scope: 'col', className: 'num', text: 'Amount (' + order.currency + ')' })])]),
      el('tbody', {}, rows)
    ]));
  }

  function describeScenario() {
    var scenario = known.scenarios.find(function (s) { return s.name === ui.scenario.value; });
    if (!scenario) { ui.scenarioDescription.textContent = ''; return; }
    var env = Object.keys(scenario.env).map(function (k) { return k + '=' + scenario.env[k]; }).join(', ');
    var behaviours = scenario.behaviours.map(function (b, i) { return 'directive ' + (i + 1) + ': ' + b; }).join('; ');
    ui.scenarioDescription.textContent = scenario.description + ' (expects ' + scenario.expectedStatus + ')' +
      (env ? '. Configuration: ' + env : '') + (behaviours ? '. Amazon Pay: ' + behaviours : '') + '.';
  }

  function renderExamples() {
    ui.examples.textContent = '';
    var locale = known.locales.find(function (l) { return l.locale === ui.locale.value; });
    (locale ? locale.examples : []).forEach(function (example) {
      var button = el('button', { type: 'button', 'aria-label': 'Put “' + example + '” in the input' }, [example]);
      button.addEventListener('click', function () {
        ui.input.value = example;
        ui.input.focus();
      });
      ui.examples.appendChild(el('li', {}, [button]));
    });
    if (locale) ui.input.placeholder = locale.examples[0] || '';
  }

  function addTurns(turns) {
    var empty = ui.turns.querySelector('.empty');
    if (empty && turns.length > 0) empty.remove();
    turns.forEach(function (turn) {
      ui.turns.appendChild(renderTurn(turn));
      renderEnvelopes(turn);
    });
    if (turns.length > 0) {
      var last = ui.turns.lastElementChild;
      if (last && last.scrollIntoView) last.scrollIntoView({ block: 'end' });
    }
  }

  function clearConversation() {
    ui.turns.textContent = '';
    ui.envelopes.textContent = '';
    ui.turns.appendChild(el('li', { className: 'empty', text: 'Nothing said yet. Start with “open blue kettle coffee”.' }));
  }

  function apply(exchange) {
    addTurns(exchange.turns);
    renderOrder(exchange.order);
    known.directivesAnswered = exchange.directivesAnswered;
  }

  function act(promise, done) {
    setBusy(true);
    return promise.then(function (exchange) {
      apply(exchange);
      if (done) done(exchange);
    }).catch(function (error) {
      setStatus('Something went wrong: ' + error.message, true);
    }).then(function () {
      setBusy(false);
    });
  }

  ui.form.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = ui.input.value.trim();
    if (text === '' || busy) return;
    setStatus('Alexa is listening…', false);
    act(api('POST', '/api/say', { text: text, settings: settings() }), function (exchange) {
      ui.input.value = '';
      var pay = exchange.turns.filter(function (t) { return t.kind === 'amazonPay'; }).length;
      setStatus('Done: ' + exchange.turns.length + ' turn(s)' + (pay ? ', ' + pay + ' answered by Amazon Pay' : '') + (exchange.session.open ? '; the session is open.' : '; the session has ended.'), false);
    }).then(function () { ui.input.focus(); });
  });

  ui.newSession.addEventListener('click', function () {
    act(api('POST', '/api/new-session', { settings: settings() }), function (exchange) {
      setStatus(exchange.message || 'New session.', false);
    });
  });

  ui.reset.addEventListener('click', function () {
    act(api('POST', '/api/reset', {}), function (exchange) {
      clearConversation();
      setStatus(exchange.message || 'The store is reset.', false);
    });
  });

  ui.scenario.addEventListener('change', function () {
    var scenario = known.scenarios.find(function (s) { return s.name === ui.scenario.value; });
    describeScenario();
    if (scenario && ui.consent.value !== scenario.consent) {
      ui.consent.value = scenario.consent;
      setStatus('Scenario ' + scenario.name + ': the Amazon Pay permission is now ' + ui.consent.options[ui.consent.selectedIndex].text + '.', false);
    }
  });

  ui.locale.addEventListener('change', renderExamples);

  var skip = document.querySelector('.skip-link');
  if (skip) {
    skip.addEventListener('click', function (event) {
      event.preventDefault();
      ui.input.focus();
    });
  }

  Promise.all([api('GET', '/api/scenarios'), api('GET', '/api/locales'), api('GET', '/api/state')]).then(function (results) {
    known.scenarios = results[0].scenarios;
    known.locales = results[1].locales;
    var defaults = results[0].defaults;
    known.scenarios.forEach(function (s) {
      ui.scenario.appendChild(el('option', { value: s.name, text: s.name }));
    });
    known.locales.forEach(function (l) {
      ui.locale.appendChild(el('option', { value: l.locale, text: l.locale + ' (' + l.invocationName + ')' }));
    });
    ui.locale.value = defaults.locale;
    ui.device.value = defaults.device;
    ui.consent.value = defaults.consent;
    ui.voice.checked = defaults.voicePurchasing;
    ui.scenario.value = defaults.scenario;
    describeScenario();
    renderExamples();
    clearConversation();
    apply(results[2]);
    document.body.setAttribute('data-ready', 'true');
  }).catch(function (error) {
    setStatus('The simulator did not answer: ' + error.message, true);
  });
})();
`;
