/* Fill-in messages: a form per message, a live preview, a tone switch and a copy button.
 *
 * Everything a reader types reaches the page through textContent or form values, never
 * innerHTML. Values stay on this device: kept in localStorage only after the reader ticks
 * "Remember on this device", and removed by "Forget my values". No dependencies.
 */
(function () {
  "use strict";

  var VALUES_KEY = "playbook.values.v1";
  var OPT_IN_KEY = "playbook.remember.v1";
  var PLACEHOLDER = /\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g;
  var LANGUAGE_KEY = "playbook.message-language.v1";

  function storage() {
    try {
      return window.localStorage;
    } catch (e) {
      return null; // storage refused (privacy mode, sandbox): remembering is simply off
    }
  }

  /* For this visit only (sessionStorage): the language chosen for clients' messages. */
  function sessionValue(key) {
    try {
      return window.sessionStorage.getItem(key);
    } catch (e) {
      return null;
    }
  }

  function setSessionValue(key, value) {
    try {
      window.sessionStorage.setItem(key, value);
    } catch (e) {
      // storage refused: the choice holds for this page only
    }
  }

  /* "pt-br" as a page's lang attribute wants it: "pt-BR". */
  function htmlLang(lang) {
    return lang.replace(/-([a-z]+)$/, function (match, region) {
      return "-" + region.toUpperCase();
    });
  }

  function rememberOn() {
    var s = storage();
    return !!s && s.getItem(OPT_IN_KEY) === "1";
  }

  function storedValues() {
    var s = storage();
    if (!s || !rememberOn()) return {};
    try {
      var parsed = JSON.parse(s.getItem(VALUES_KEY) || "{}");
      return parsed && typeof parsed === "object" ? parsed : {};
    } catch (e) {
      return {};
    }
  }

  function saveValue(name, value) {
    var s = storage();
    if (!s || !rememberOn()) return;
    var values = storedValues();
    if (value) values[name] = value;
    else delete values[name];
    s.setItem(VALUES_KEY, JSON.stringify(values));
  }

  function setRemember(on) {
    var s = storage();
    if (!s) return;
    if (on) {
      s.setItem(OPT_IN_KEY, "1");
      document.querySelectorAll(".pb-form [data-name]").forEach(function (field) {
        saveValue(field.getAttribute("data-name"), field.value);
      });
    } else {
      s.removeItem(OPT_IN_KEY);
      s.removeItem(VALUES_KEY);
    }
    document.querySelectorAll(".pb-remember input").forEach(function (box) {
      box.checked = on;
    });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      node.setAttribute(key, attrs[key]);
    });
    if (text) node.textContent = text;
    return node;
  }

  /* Split a body into literal strings and {name} parts, once, before any value is
     inserted: whatever a reader types is never parsed as a placeholder. */
  function parts(body) {
    var out = [];
    var last = 0;
    body = body.trim();
    body.replace(PLACEHOLDER, function (match, name, offset) {
      if (offset > last) out.push(body.slice(last, offset));
      out.push({ name: name });
      last = offset + match.length;
      return match;
    });
    if (last < body.length) out.push(body.slice(last));
    return out;
  }

  function Message(root) {
    this.root = root;
    this.data = JSON.parse(root.getAttribute("data-pb"));
    this.id = this.data.id;
    this.fields = {};
    /* Each language the message is written in: its bodies by tone as parts, the
       labels its blanks show when empty, and the platform words it uses. */
    this.versions = {};
    var self = this;
    Object.keys(this.data.languages).forEach(function (lang) {
      var version = self.data.languages[lang];
      var words = version.words || {};
      var byTone = {};
      Object.keys(version.variants).forEach(function (tone) {
        byTone[tone] = parts(version.variants[tone]).map(function (part) {
          // A name that is no blank of this message is a platform word (contract, order).
          if (typeof part !== "string" && !(part.name in version.labels) && part.name in words) {
            return { word: part.name };
          }
          return part;
        });
      });
      self.versions[lang] = { parts: byTone, words: words, labels: version.labels };
    });
  }

  /* The language the message is written in for the client: the reader's choice. */
  Message.prototype.language = function () {
    var checked = this.root.querySelector(".pb-lang-input:checked");
    var lang = checked ? checked.value : this.data.language;
    return lang in this.versions ? lang : this.data.language;
  };

  Message.prototype.version = function () {
    return this.versions[this.language()];
  };

  /* A platform word as the reader's platform (?platform=) says it. */
  Message.prototype.word = function (name) {
    var word = this.version().words[name];
    var chosen = window.pbContext ? window.pbContext.platform() : "";
    return (word.platforms && word.platforms[chosen]) || word["default"];
  };

  Message.prototype.tone = function () {
    var checked = this.root.querySelector(".pb-tone-input:checked");
    return checked ? checked.value : Object.keys(this.version().parts)[0];
  };

  Message.prototype.text = function (tone) {
    var self = this;
    var version = this.version();
    return version.parts[tone].map(function (part) {
      if (typeof part === "string") return part;
      if (part.word) return self.word(part.word);
      var value = self.fields[part.name] ? self.fields[part.name].value : "";
      return value || "[" + version.labels[part.name] + "]";
    }).join("");
  };

  Message.prototype.render = function () {
    var self = this;
    var version = this.version();
    this.root.querySelector(".pb-bodies").setAttribute("lang", htmlLang(this.language()));
    this.root.querySelectorAll(".pb-body").forEach(function (pre) {
      var tone = pre.getAttribute("data-tone");
      var nodes = version.parts[tone].map(function (part) {
        if (typeof part === "string") return document.createTextNode(part);
        if (part.word) return document.createTextNode(self.word(part.word));
        var value = self.fields[part.name] ? self.fields[part.name].value : "";
        if (value) return el("span", { "class": "pb-filled", "data-name": part.name }, value);
        return el("mark", { "class": "pb-blank", "data-name": part.name },
                  "[" + version.labels[part.name] + "]");
      });
      pre.replaceChildren.apply(pre, nodes);
    });
  };

  /* Wake up the form the page already holds: values, events, copy and memory. */
  Message.prototype.build = function () {
    var self = this;
    var stored = storedValues();
    var form = this.root.querySelector(".pb-form");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    this.data.placeholders.forEach(function (p) {
      var input = form.querySelector("[data-name='" + p.name + "']");
      self.fields[p.name] = input;
      if (stored[p.name] !== undefined) {
        input.value = stored[p.name];
        // A remembered value that is no longer one of the choices falls back.
        if (p.choices && input.value !== stored[p.name]) input.value = p["default"] || "";
      }
      input.addEventListener("input", function () {
        shareValue(self, p.name, input.value);
      });
      input.addEventListener("change", function () {
        shareValue(self, p.name, input.value);
      });
    });

    var box = form.querySelector(".pb-remember input[type=checkbox]");
    box.checked = rememberOn();
    box.addEventListener("change", function () {
      setRemember(box.checked);
      self.announce(box.checked ? words("remembered") : words("notRemembered"));
    });
    form.querySelector(".pb-forget").addEventListener("click", function () {
      setRemember(false);
      document.querySelectorAll(".pb-message").forEach(function (root) {
        if (root.pbMessage) root.pbMessage.reset();
      });
      self.announce(words("forgotten"));
    });

    this.status = this.root.querySelector(".pb-status");
    this.root.querySelector(".pb-copy").addEventListener("click", function () {
      self.copy();
    });
    this.root.querySelectorAll(".pb-tone-input").forEach(function (radio) {
      radio.addEventListener("change", function () {
        self.render();
      });
    });
    // The client's language, once chosen, holds for every message of the page and of
    // the next pages of this visit that are written in it.
    var chosen = sessionValue(LANGUAGE_KEY);
    if (chosen && chosen in this.versions) this.setLanguage(chosen);
    this.root.querySelectorAll(".pb-lang-input").forEach(function (radio) {
      radio.addEventListener("change", function () {
        setSessionValue(LANGUAGE_KEY, radio.value);
        document.querySelectorAll(".pb-message").forEach(function (root) {
          if (root.pbMessage && root.pbMessage !== self) root.pbMessage.setLanguage(radio.value);
        });
        self.render();
      });
    });
    this.root.classList.add("pb-ready");
    this.render();
  };

  Message.prototype.setLanguage = function (lang) {
    var radio = this.root.querySelector(".pb-lang-input[value='" + lang + "']");
    if (!radio || radio.checked) return;
    radio.checked = true;
    this.render();
  };

  Message.prototype.reset = function () {
    var self = this;
    this.data.placeholders.forEach(function (p) {
      self.fields[p.name].value = p["default"] || "";
    });
    this.render();
  };

  Message.prototype.announce = function (text) {
    var status = this.status;
    status.textContent = "";
    // A fresh text node after a tick makes screen readers announce repeated messages.
    window.setTimeout(function () {
      status.textContent = text;
    }, 50);
  };

  Message.prototype.copy = function () {
    var self = this;
    var text = this.text(this.tone());
    var blanks = this.root.querySelectorAll(".pb-body[data-tone='" + this.tone() + "'] .pb-blank");
    function done() {
      self.announce(blanks.length ? words("copiedBlanks", { n: blanks.length }) : words("copied"));
    }
    function fallback() {
      var area = el("textarea", { "aria-hidden": "true", "class": "pb-offscreen" });
      area.value = text;
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (e) {
        ok = false;
      }
      document.body.removeChild(area);
      if (ok) done();
      else self.announce(words("copyBlocked"));
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  };

  function shareValue(source, name, value) {
    // The same blank on other messages of this page takes the same value.
    document.querySelectorAll(".pb-message").forEach(function (root) {
      var message = root.pbMessage;
      if (!message) return;
      var field = message.fields[name];
      if (field && message !== source && field.value !== value) field.value = value;
      message.render();
    });
    saveValue(name, value);
  }

  /* Run `run` on every page, including pages reached by Material's instant navigation. */
  function onEveryPage(run) {
    if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
      window.document$.subscribe(run);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", run);
    } else {
      run();
    }
  }

  /* Build a component once on each matching element of every page. Shared with
     triage.js and deadline.js. */
  function enhanceAll(selector, property, create) {
    onEveryPage(function () {
      document.querySelectorAll(selector).forEach(function (root) {
        if (root[property]) return;
        try {
          root[property] = create(root);
        } catch (e) {
          // The page stays readable without the enhancement if anything goes wrong.
          if (window.console) console.warn("playbook: " + selector + " not enhanced", e);
        }
      });
    });
  }

  /* The interface's words, from the page's catalogue (#pb-site's "strings", written by
     the playbook plugin in the site's language): words("copied"), words("timeLeft"),
     words("passed", { span: "2 days" }). A plural is one form per CLDR category, picked
     with the browser's rules for the page's language: words("days", { n: 3 }). */
  var strings = null;

  function words(key, slots) {
    if (strings === null) {
      try {
        strings = JSON.parse(document.getElementById("pb-site").textContent).strings || {};
      } catch (e) {
        strings = {};
      }
    }
    var text = strings[key];
    if (text && typeof text === "object") {
      var category = "other";
      if (window.Intl && Intl.PluralRules && slots && typeof slots.n === "number") {
        category = new Intl.PluralRules(document.documentElement.lang || "en").select(slots.n);
      }
      text = text[category] || text.other;
    }
    text = text || "";
    Object.keys(slots || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(String(slots[name]));
    });
    return text;
  }

  window.playbook = { enhanceAll: enhanceAll, onEveryPage: onEveryPage, el: el, words: words };

  // The reader chose another platform: its words in every message of the page.
  document.addEventListener("pb:context", function () {
    document.querySelectorAll(".pb-message").forEach(function (root) {
      if (root.pbMessage) root.pbMessage.render();
    });
  });

  enhanceAll(".pb-message", "pbMessage", function (root) {
    var message = new Message(root);
    root.pbMessage = message; // set before build: shareValue looks for it on every form
    message.build();
    return message;
  });
})();
