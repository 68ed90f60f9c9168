/* Deadline calculator: a rule's clock turned into a date and time the reader can act on.
 *
 * For each .pb-clock (a rule page's "Deadline", a scenario's deadline box) it adds a start
 * time (default: now), the deadline in the reader's time zone and in UTC, each in a
 * <time datetime> with the exact instant, the time left, and an "Add to calendar" button
 * that builds an .ics file (RFC 5545) on the device. Nothing is sent anywhere.
 *
 * How clocks count: hours are exact hours. Days are calendar days in the clock's zone
 * (data-zone, UTC when empty): the same time of day, N days later. Business days are
 * Monday to Friday in that zone. Without JavaScript the sentence above the calculator
 * still states the rule in full. Text reaches the page through textContent only.
 */
(function () {
  "use strict";

  var el = window.playbook.el; // createElement with attributes and textContent
  var HOUR = 3600 * 1000;
  var DAY = 24 * HOUR;
  var counter = 0;

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  /* Wall-clock fields of an instant in an IANA zone. */
  var formatters = {};
  function partsIn(date, zone) {
    if (!formatters[zone]) {
      formatters[zone] = new Intl.DateTimeFormat("en-US", {
        timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric",
        day: "numeric", hour: "numeric", minute: "numeric", second: "numeric"
      });
    }
    var out = {};
    formatters[zone].formatToParts(date).forEach(function (p) {
      if (p.type !== "literal") out[p.type] = parseInt(p.value, 10);
    });
    return out;
  }

  /* Minutes the zone is ahead of UTC at instant t (ms). */
  function offsetAt(t, zone) {
    var p = partsIn(new Date(t), zone);
    var asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    return Math.round((asUtc - Math.floor(t / 1000) * 1000) / 60000);
  }

  /* The instant at which the zone's clocks show the given wall-clock time. */
  function fromZoned(y, mo, d, h, mi, s, zone) {
    var guess = Date.UTC(y, mo - 1, d, h, mi, s);
    var first = offsetAt(guess, zone);
    var t = guess - first * 60000;
    var second = offsetAt(t, zone);
    if (second !== first) t = guess - second * 60000;
    return new Date(t);
  }

  /* The deadline for a clock started at `start` (a Date). */
  function deadline(start, length, unit, zone) {
    if (unit === "hours") return new Date(start.getTime() + length * HOUR);
    zone = zone || "UTC";
    var p = partsIn(start, zone);
    var day = Date.UTC(p.year, p.month - 1, p.day); // the calendar date, as UTC midnight
    if (unit === "days") {
      day += length * DAY;
    } else {
      for (var counted = 0; counted < length; ) {
        day += DAY;
        var weekday = new Date(day).getUTCDay();
        if (weekday !== 0 && weekday !== 6) counted += 1;
      }
    }
    var date = new Date(day);
    return fromZoned(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(),
      p.hour, p.minute, p.second, zone);
  }

  /* ISO 8601 with the reader's own offset, e.g. 2026-12-05T09:00:00+08:00. */
  function localIso(date) {
    var off = -date.getTimezoneOffset();
    var sign = off >= 0 ? "+" : "-";
    off = Math.abs(off);
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate()) +
      "T" + pad(date.getHours()) + ":" + pad(date.getMinutes()) + ":" + pad(date.getSeconds()) +
      sign + pad(Math.floor(off / 60)) + ":" + pad(off % 60);
  }

  function utcIso(date) {
    return date.toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  /* The value a datetime-local input takes for a Date, in the reader's zone. */
  function inputValue(date) {
    return localIso(date).slice(0, 16);
  }

  function parseInput(value) {
    var m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value || "");
    if (!m) return null;
    return new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  }

  function readerZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (e) {
      return "";
    }
  }

  /* Dates and times in the page's language, in the reader's own variant of it where the
     browser has one (es-MX on a Spanish page); never another language's words inside
     the page's sentences. */
  function locale() {
    var page = document.documentElement.lang || "en";
    var own = navigator.language || "";
    return own.split("-")[0] === page.split("-")[0] ? own : page;
  }

  function show(date, zone) {
    var options = {
      weekday: "long", year: "numeric", month: "long", day: "numeric",
      hour: "2-digit", minute: "2-digit", timeZoneName: "short"
    };
    if (zone) options.timeZone = zone;
    return new Intl.DateTimeFormat(locale(), options).format(date);
  }

  var words = window.playbook.words;

  function plural(n, unit) {
    return words(unit, { n: n });
  }

  function span(ms) {
    var minutes = Math.floor(ms / 60000);
    var days = Math.floor(minutes / 1440);
    var hours = Math.floor((minutes % 1440) / 60);
    if (days > 0) return plural(days, "days") + (hours ? " " + plural(hours, "hours") : "");
    if (hours > 0) return plural(hours, "hours") + (minutes % 60 ? " " + plural(minutes % 60, "minutes") : "");
    return plural(minutes % 60, "minutes");
  }

  /* The value beside "Time left": the span alone, so that "left" is said once. */
  function timeLeft(due, now) {
    var ms = due.getTime() - now.getTime();
    if (ms < 0) return words("passed", { span: span(-ms) });
    if (ms < 60000) return words("lessThanMinute");
    return span(ms);
  }

  /* "Upwork counts days in UTC: for you, each of its days ends at 08:00 (Asia/Manila)."
     A platform's day ends at midnight in its zone; the reader sees when that is in their
     own time. The sentence comes from the page (#pb-site). */
  function dayEnds(counter, zone, now) {
    var p = partsIn(now, zone);
    var midnight = fromZoned(p.year, p.month, p.day, 24, 0, 0, zone);
    var time = new Intl.DateTimeFormat(locale(), { hour: "2-digit", minute: "2-digit" })
      .format(new Date(midnight));
    var place = readerZone();
    return words("dayEnds", { counter: counter, zone: zone, time: time + (place ? " (" + place + ")" : "") });
  }

  /* RFC 5545 text: escape, then fold lines at 75 octets. */
  function icsText(text) {
    return String(text).replace(/\\/g, "\\\\").replace(/;/g, "\\;")
      .replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
  }

  function fold(line) {
    var encoder = new TextEncoder();
    var out = [];
    var current = "";
    var size = 0;
    Array.from(line).forEach(function (ch) {
      var bytes = encoder.encode(ch).length;
      if (size + bytes > (out.length ? 74 : 75)) {
        out.push(current);
        current = "";
        size = 0;
      }
      current += ch;
      size += bytes;
    });
    out.push(current);
    return out.join("\r\n ");
  }

  function icsStamp(date) {
    return utcIso(date).replace(/[-:]/g, "");
  }

  function calendar(clock, due, start, now) {
    // A day before; for a clock of a day or so, two hours before, so it is not already past.
    var long = due.getTime() - start.getTime() > 36 * HOUR;
    var lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Freelance Client Playbook//Deadline calculator//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "BEGIN:VEVENT",
      "UID:" + clock.rule + "-" + icsStamp(due) + "@freelance-client-playbook",
      "DTSTAMP:" + icsStamp(now),
      "DTSTART:" + icsStamp(due),
      "DTEND:" + icsStamp(new Date(due.getTime() + 30 * 60000)),
      "SUMMARY:" + icsText(words("icsSummary", { title: clock.title })),
      "DESCRIPTION:" + icsText(clock.sentence + "\n" + words("icsStarted", { time: utcIso(start) }) +
        "\n" + words("icsSources", { url: clock.url })),
      "URL:" + clock.url,
      "BEGIN:VALARM",
      "ACTION:DISPLAY",
      "DESCRIPTION:" + icsText(words(long ? "icsDayBefore" : "icsHoursBefore", { title: clock.title })),
      "TRIGGER:" + (long ? "-P1D" : "-PT2H"),
      "END:VALARM",
      "END:VEVENT",
      "END:VCALENDAR"
    ];
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  function download(name, text) {
    var url = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  /* The rule's own page, as the site's map names it (#pb-site's "routes"), under the
     site root that Material's config names. */
  function ruleUrl(id) {
    var base = ".";
    var route = "rules/{id}/";
    try {
      base = JSON.parse(document.getElementById("__config").textContent).base || ".";
      route = JSON.parse(document.getElementById("pb-site").textContent).routes.rule || route;
    } catch (e) { /* keep the defaults */ }
    return new URL(base + "/" + route.split("{id}").join(id), location.href).href;
  }

  function Clock(root) {
    this.root = root;
    this.rule = root.getAttribute("data-rule");
    this.title = root.getAttribute("data-title");
    this.length = parseInt(root.getAttribute("data-length"), 10);
    this.unit = root.getAttribute("data-unit");
    // "local": a law's clock counts the reader's own calendar days.
    var zone = root.getAttribute("data-zone") || "UTC";
    this.law = zone === "local";
    this.zone = this.law ? readerZone() || "UTC" : zone;
    this.counter = root.getAttribute("data-counter") || "";
    var text = root.querySelector(".pb-clock-text");
    this.sentence = text ? text.textContent.trim() : "";
    this.url = ruleUrl(this.rule);
  }

  Clock.prototype.build = function () {
    var self = this;
    var id = "pb-clock-" + this.rule + "-" + (++counter);
    var zone = readerZone();
    var box = el("div", { "class": "pb-clock-calc" });
    var label = el("label", { "for": id }, words("clockStart") +
      (zone ? " (" + zone + ")" : ""));
    this.input = el("input", { type: "datetime-local", id: id, step: "60", required: "" });
    this.input.value = inputValue(new Date());
    var out = el("dl", { "class": "pb-clock-out", "aria-live": "polite" });
    this.local = el("time");
    this.utc = el("time");
    this.left = el("dd", { "class": "pb-clock-left" });
    out.appendChild(el("dt", {}, words("deadlineLocal")));
    out.appendChild(el("dd")).appendChild(this.local);
    out.appendChild(el("dt", {}, words("deadlineUtc")));
    out.appendChild(el("dd")).appendChild(this.utc);
    out.appendChild(el("dt", {}, words("timeLeft")));
    out.appendChild(this.left);
    this.button = el("button", { type: "button", "class": "md-button pb-clock-ics" },
      words("addToCalendar"));
    box.appendChild(label);
    box.appendChild(this.input);
    if (this.unit !== "hours" && !this.law && this.counter) {
      box.appendChild(el("p", { "class": "pb-clock-day" }, dayEnds(this.counter, this.zone, new Date())));
    }
    box.appendChild(out);
    box.appendChild(this.button);
    if (this.root.hasAttribute("data-collapsed")) {
      // In a scenario's deadline box the calculator waits behind one tap.
      var fold = el("details", { "class": "pb-clock-fold" });
      fold.appendChild(el("summary", {}, words("workOut")));
      fold.appendChild(box);
      this.root.appendChild(fold);
    } else {
      this.root.appendChild(box);
    }
    this.input.addEventListener("input", function () { self.update(); });
    this.button.addEventListener("click", function () { self.save(); });
    this.update();
    this.timer = setInterval(function () {
      if (!self.root.isConnected) clearInterval(self.timer);
      else self.update();
    }, 60000);
  };

  Clock.prototype.update = function () {
    var start = parseInput(this.input.value);
    this.start = start;
    if (!start) {
      this.due = null;
      this.local.textContent = "";
      this.utc.textContent = "";
      this.left.textContent = words("chooseStart");
      this.button.disabled = true;
      return;
    }
    var due = deadline(start, this.length, this.unit, this.zone);
    this.due = due;
    this.local.setAttribute("datetime", localIso(due));
    this.local.textContent = show(due);
    this.utc.setAttribute("datetime", utcIso(due));
    this.utc.textContent = show(due, "UTC");
    this.left.textContent = timeLeft(due, new Date());
    this.button.disabled = false;
  };

  Clock.prototype.save = function () {
    if (!this.due) return;
    var text = calendar(this, this.due, this.start, new Date());
    download("deadline-" + this.rule + ".ics", text);
  };

  window.playbook.enhanceAll(".pb-clock", "pbClock", function (root) {
    var clock = new Clock(root);
    clock.build();
    return clock;
  });
})();
