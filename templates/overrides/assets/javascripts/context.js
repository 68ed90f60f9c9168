/* The reader's context, kept in the address: ?platform=<platform id>.
 *
 * Every link to a page of the site carries it, so that Material's instant navigation, a
 * new tab and a shared link all keep the reader's platform. A page fits itself to it:
 * inside each `.pb-fit` group, the `.pb-for` parts whose data-platforms name the chosen
 * platform come first, and the others fold under one "Also on ..." label. Nothing is
 * removed. With no choice, an unknown value, without scripts and in print, every part
 * shows. The ids, titles and words come from the page (#pb-site, written by main.html).
 * Text reaches the page through textContent only. No dependencies.
 */
(function () {
  "use strict";

  var KEY = "platform";
  var site = readSite();

  function readSite() {
    var node = document.getElementById("pb-site");
    try {
      var data = JSON.parse(node.textContent);
      if (data && data.platforms && data.strings) return data;
    } catch (e) {
      // no data: no platform is known, and every page shows in full
    }
    return { platforms: {}, order: [], strings: {} };
  }

  function known(id) {
    return Object.prototype.hasOwnProperty.call(site.platforms, id);
  }

  /* The reader's platform, from the address; "" for none or an unknown value. */
  function platform() {
    var value = new URLSearchParams(window.location.search).get(KEY) || "";
    return known(value) ? value : "";
  }

  function idsOf(node) {
    return (node.getAttribute("data-platforms") || "").split(/\s+/).filter(Boolean);
  }

  /* Links to the site's pages carry the platform; downloads, assets, other sites and
     links within the page stay as they are. */
  function keep(link) {
    var raw = link.getAttribute("href");
    if (!raw || raw.charAt(0) === "#" || link.origin !== window.location.origin) return;
    if (!/(\/|\.html)$/.test(link.pathname)) return;
    var params = new URLSearchParams(link.search);
    var chosen = platform();
    if ((params.get(KEY) || "") === chosen) return;
    if (chosen) params.set(KEY, chosen);
    else params.delete(KEY);
    var search = params.toString();
    link.search = search ? "?" + search : "";
  }

  function keepAll() {
    document.querySelectorAll("a[href]").forEach(keep);
  }

  function set(id) {
    var url = new URL(window.location.href);
    if (id && known(id)) url.searchParams.set(KEY, id);
    else url.searchParams.delete(KEY);
    window.history.replaceState(window.history.state, "", url.href);
    keepAll();
    fitPage(platform());
    document.dispatchEvent(new CustomEvent("pb:context", { detail: { platform: platform() } }));
  }

  /* "Upwork and Freelancer.com", in the page's language. */
  function listOf(ids) {
    var titles = site.order.filter(function (id) {
      return ids.indexOf(id) !== -1;
    }).map(function (id) {
      return site.platforms[id];
    });
    if (window.Intl && Intl.ListFormat) {
      return new Intl.ListFormat(document.documentElement.lang || "en", {
        style: "long",
        type: "conjunction",
      }).format(titles);
    }
    return titles.join(", ");
  }

  /* One group: its parts for `chosen` first, the others in one fold after them. A list
     (ul) keeps its own items and folds the others into a list of their own, after it. */
  function fitGroup(group, chosen) {
    var list = group.tagName === "UL" || group.tagName === "OL";
    if (!group.pbParts) {
      group.pbParts = Array.prototype.filter.call(group.children, function (child) {
        return child.classList.contains("pb-for");
      });
      var last = group.pbParts[group.pbParts.length - 1];
      group.pbEnd = last ? last.nextElementSibling : null; // "All 12 situations" stays last
    }
    var parts = group.pbParts;
    // Undo an earlier fit: every part back in its first order, the fold gone.
    if (group.pbFold) {
      group.pbFold.parentNode.removeChild(group.pbFold);
      group.pbFold = null;
    }
    parts.forEach(function (part) {
      part.classList.remove("pb-mine");
      group.insertBefore(part, group.pbEnd);
    });
    if (!chosen) return;
    var others = [];
    var named = [];
    parts.forEach(function (part) {
      var ids = idsOf(part);
      if (ids.indexOf(chosen) !== -1) {
        part.classList.add("pb-mine");
        group.insertBefore(part, group.pbEnd);
      } else {
        others.push(part);
        ids.forEach(function (id) {
          if (named.indexOf(id) === -1) named.push(id);
        });
      }
    });
    if (!others.length) return;
    var el = window.playbook.el;
    var fold = el("details", { "class": "pb-fold" });
    // A group may name what it holds ("Deadlines on ..."); steps and notes say "Also on".
    var words = site.strings[group.getAttribute("data-fold") || "also"] || site.strings.also;
    fold.appendChild(el("summary", {}, (words || "{list}").replace("{list}", listOf(named))));
    var holder = list ? fold.appendChild(el(group.tagName.toLowerCase())) : fold;
    others.forEach(function (part) {
      holder.appendChild(part);
    });
    if (list) group.parentNode.insertBefore(fold, group.nextSibling);
    else group.appendChild(fold);
    group.pbFold = fold;
  }

  /* Fit the page to `chosen`, or show every part ("" or a platform the page does not
     list, which a note then names). A page that lists no platforms (a group) is for
     all of them. */
  function fitPage(chosen) {
    var page = document.querySelector("[data-pb-page-platforms]");
    var listed = page ? page.getAttribute("data-pb-page-platforms").split(/\s+/) : site.order;
    var active = chosen && listed.indexOf(chosen) !== -1 ? chosen : "";
    document.documentElement.classList.toggle("pb-fitted", !!active);
    document.querySelectorAll(".pb-fit").forEach(function (group) {
      fitGroup(group, active);
    });
    document.querySelectorAll(".pb-only").forEach(function (node) {
      node.hidden = !!active && idsOf(node).indexOf(active) === -1;
    });
    var note = document.querySelector(".pb-fit-note");
    if (note) {
      var missing = page && chosen && !active;
      note.hidden = !missing;
      note.textContent = missing
        ? (site.strings.notListed || "").replace("{platform}", site.platforms[chosen])
        : "";
    }
    document.querySelectorAll(".pb-switch-select").forEach(function (select) {
      var offered = Array.prototype.some.call(select.options, function (option) {
        return option.value === chosen;
      });
      select.value = offered ? chosen : "";
    });
  }

  function wake() {
    keepAll();
    fitPage(platform());
    document.querySelectorAll(".pb-switch-select").forEach(function (select) {
      if (select.pbSwitch) return;
      select.pbSwitch = true;
      select.addEventListener("change", function () {
        set(select.value);
      });
    });
  }

  // Links made after the page (Material's search results) get the platform as they are
  // followed, copied or opened in a new tab: before Material's own click handler runs.
  ["click", "auxclick", "contextmenu"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var link = event.target.closest && event.target.closest("a[href]");
      if (link) keep(link);
    }, true);
  });

  // Print shows every platform's part, labelled, as without scripts.
  window.addEventListener("beforeprint", function () {
    fitPage("");
  });
  window.addEventListener("afterprint", function () {
    fitPage(platform());
  });

  window.pbContext = {
    platform: platform,
    set: set,
    listOf: listOf,
    strings: function () {
      return site.strings;
    },
  };

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(wake);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wake);
  } else {
    wake();
  }
})();
