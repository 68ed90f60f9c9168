/* Home page triage: each group opens its situations on demand, and a platform filter
 * narrows the lists in place, without loading a page, and keeps the reader's platform in
 * the address for every page they open next.
 *
 * Without JavaScript every group stays open and the filter stays hidden, so every list
 * is still there. Text reaches the page through textContent only. No dependencies.
 */
(function () {
  "use strict";

  var words = window.playbook.words;

  function platformsOf(link) {
    return (link.getAttribute("data-platforms") || "").split(/\s+/);
  }

  function Triage(root) {
    this.root = root;
    this.filter = root.querySelector(".pb-platforms");
    this.status = root.querySelector(".pb-triage-status");
    this.groups = Array.prototype.slice.call(root.querySelectorAll(".pb-group"));
  }

  Triage.prototype.build = function () {
    var self = this;
    // Ten short choices fit on one phone screen; the lists open one group at a time.
    this.groups.forEach(function (group) {
      group.open = false;
    });
    if (!this.filter) return;
    this.filter.hidden = false;
    // The choice lives in the address (?platform=, context.js), so that the pages this
    // one links to, and a shared link, follow it.
    var chosen = window.pbContext ? window.pbContext.platform() : "";
    var input = this.filter.querySelector('input[value="' + chosen + '"]');
    if (input) input.checked = true;
    this.filter.addEventListener("change", function () {
      if (window.pbContext) window.pbContext.set(self.choice().platform);
      self.apply(true);
    });
    this.apply(false);
  };

  Triage.prototype.choice = function () {
    var input = this.filter.querySelector("input:checked");
    var label = input ? this.filter.querySelector('label[for="' + input.id + '"]') : null;
    return {
      platform: input ? input.value : "",
      title: label ? label.textContent.trim() : "",
    };
  };

  Triage.prototype.apply = function (announce) {
    var choice = this.choice();
    var total = 0;
    this.groups.forEach(function (group) {
      var shown = 0;
      group.querySelectorAll("a[data-platforms]").forEach(function (link) {
        var match = !choice.platform || platformsOf(link).indexOf(choice.platform) !== -1;
        var item = link.closest("li") || link;
        item.hidden = !match;
        if (match) shown += 1;
      });
      // A group with nothing for this platform is not a choice worth showing.
      group.hidden = shown === 0;
      var count = group.querySelector(".pb-group-count");
      if (count) count.textContent = words("situationCount", { n: shown });
      total += shown;
    });
    if (this.status && announce) {
      this.status.textContent = choice.platform
        ? words("platformSituations", { n: total, platform: choice.title })
        : words("allSituations", { n: total });
    }
  };

  window.playbook.enhanceAll(".pb-triage", "pbTriage", function (root) {
    var triage = new Triage(root);
    triage.build();
    return triage;
  });
})();
