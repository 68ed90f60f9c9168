/* The reader's context, kept in the address: ?platform=<platform id>, and for direct
 * clients ?you=<place id>&client=<place id>.
 *
 * Every link to a page of the site carries it, so that Material's instant navigation, a
 * new tab and a shared link all keep it. A page fits itself to it: inside each `.pb-fit`
 * group, the `.pb-for` parts for the reader come first (data-platforms names their
 * platform; data-you, data-client or data-either, if any, match their places), and the
 * others fold under one label ("Also on ...", "Laws for other places"). Nothing is
 * removed. With no choice, unknown values, without scripts and in print, every part
 * shows. Ids, titles and words come from the page (#pb-site, written by main.html).
 * Text reaches the page through textContent only. No dependencies.
 */
(function () {
  "use strict";

  var KEYS = ["platform", "you", "client"];
  var site = readSite();

  function readSite() {
    var node = document.getElementById("pb-site");
    try {
      var data = JSON.parse(node.textContent);
      if (data && data.platforms && data.strings) return data;
    } catch (e) {
      // no data: nothing is known, and every page shows in full
    }
    return { platforms: {}, order: [], places: {}, within: {}, strings: {} };
  }

  function has(table, id) {
    return !!table && Object.prototype.hasOwnProperty.call(table, id);
  }

  /* The reader's context from the address; "" for what is missing or unknown. */
  function context() {
    var params = new URLSearchParams(window.location.search);
    var out = {};
    KEYS.forEach(function (key) {
      var value = params.get(key) || "";
      out[key] = has(key === "platform" ? site.platforms : site.places, value) ? value : "";
    });
    return out;
  }

  function platform() {
    return context().platform;
  }

  function words(node, name) {
    return (node.getAttribute(name) || "").split(/\s+/).filter(Boolean);
  }

  /* A place and the places it is within: us-tx, us. */
  function around(place) {
    var chain = [];
    while (place && chain.indexOf(place) === -1) {
      chain.push(place);
      place = site.within ? site.within[place] : "";
    }
    return chain;
  }

  /* Whether a part's places fit the reader's: each side it names must hold the
     reader's place for that side, or one it is within; a side the reader has not
     chosen is no reason to fold. */
  function placesFit(part, chosen) {
    function side(name, places) {
      var listed = words(part, "data-" + name);
      if (!listed.length || !places.length) return true;
      return places.some(function (p) {
        return listed.indexOf(p) !== -1;
      });
    }
    var you = around(chosen.you);
    var client = around(chosen.client);
    return side("you", you) && side("client", client) && side("either", you.concat(client));
  }

  /* Links to the site's pages carry the context; downloads, assets, other sites and
     links within the page stay as they are. */
  function keep(link, chosen) {
    var raw = link.getAttribute("href");
    if (!raw || raw.charAt(0) === "#" || link.origin !== window.location.origin) return;
    if (!/(\/|\.html)$/.test(link.pathname)) return;
    var params = new URLSearchParams(link.search);
    chosen = chosen || context();
    var before = params.toString();
    KEYS.forEach(function (key) {
      if (chosen[key]) params.set(key, chosen[key]);
      else params.delete(key);
    });
    var search = params.toString();
    if (search !== before) link.search = search ? "?" + search : "";
  }

  function keepAll() {
    var chosen = context();
    document.querySelectorAll("a[href]").forEach(function (link) {
      keep(link, chosen);
    });
  }

  function chosenAny(chosen) {
    return !!(chosen.platform || chosen.you || chosen.client);
  }

  /* Change one part of the context (`key` one of KEYS) and fit the page again. */
  function set(key, id) {
    if (arguments.length === 1) {
      id = key;
      key = "platform";
    }
    var url = new URL(window.location.href);
    if (id) url.searchParams.set(key, id);
    else url.searchParams.delete(key);
    window.history.replaceState(window.history.state, "", url.href);
    keepAll();
    fitPage(context());
    document.dispatchEvent(new CustomEvent("pb:context", { detail: context() }));
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

  /* One group: its parts for the reader first, the others in one fold after them. A
     list (ul) keeps its own items and folds the others into a list of their own. */
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
    // A page as it was built needs nothing: moving its parts would cost a layout.
    if (!group.pbFitted && !chosenAny(chosen)) return;
    group.pbFitted = chosenAny(chosen);
    // Undo an earlier fit: every part back in its first order, the fold gone.
    if (group.pbFold) {
      group.pbFold.parentNode.removeChild(group.pbFold);
      group.pbFold = null;
    }
    parts.forEach(function (part) {
      part.classList.remove("pb-mine");
      group.insertBefore(part, group.pbEnd);
    });
    if (!group.pbFitted) return;
    var others = [];
    var named = [];
    parts.forEach(function (part) {
      var ids = words(part, "data-platforms");
      var mine = (!chosen.platform || ids.indexOf(chosen.platform) !== -1) &&
        placesFit(part, chosen);
      if (mine) {
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
    var label = site.strings[group.getAttribute("data-fold") || "also"] || site.strings.also;
    fold.appendChild(el("summary", {}, (label || "{list}").replace("{list}", listOf(named))));
    var holder = list ? fold.appendChild(el(group.tagName.toLowerCase())) : fold;
    others.forEach(function (part) {
      holder.appendChild(part);
    });
    if (list) group.parentNode.insertBefore(fold, group.nextSibling);
    else group.appendChild(fold);
    group.pbFold = fold;
  }

  /* Fit the page to the reader, or show every part. A platform the page does not list
     is ignored, and a note says so; a page that lists none (a group) is for all. */
  function fitPage(chosen) {
    var page = document.querySelector("[data-pb-page-platforms]");
    var listed = page ? page.getAttribute("data-pb-page-platforms").split(/\s+/) : site.order;
    var fit = {
      platform: chosen.platform && listed.indexOf(chosen.platform) !== -1 ? chosen.platform : "",
      you: chosen.you,
      client: chosen.client,
    };
    document.documentElement.classList.toggle("pb-fitted", !!fit.platform);
    document.querySelectorAll(".pb-fit").forEach(function (group) {
      fitGroup(group, fit);
    });
    document.querySelectorAll(".pb-only").forEach(function (node) {
      node.hidden = !!fit.platform && words(node, "data-platforms").indexOf(fit.platform) === -1;
    });
    var note = document.querySelector(".pb-fit-note");
    if (note) {
      var missing = page && chosen.platform && !fit.platform;
      note.hidden = !missing;
      note.textContent = missing
        ? (site.strings.notListed || "").replace("{platform}", site.platforms[chosen.platform])
        : "";
    }
    document.querySelectorAll("[data-pb-key]").forEach(function (select) {
      var value = chosen[select.getAttribute("data-pb-key")] || "";
      var offered = Array.prototype.some.call(select.options, function (option) {
        return option.value === value;
      });
      select.value = offered ? value : "";
    });
  }

  function wake() {
    var chosen = context();
    // Links as built carry no context: only an address with one (even an unknown value,
    // which Material copies into the page's own anchor links) needs them rewritten.
    var params = new URLSearchParams(window.location.search);
    if (KEYS.some(function (key) { return params.has(key); })) keepAll();
    fitPage(chosen);
    document.querySelectorAll("[data-pb-key]").forEach(function (select) {
      if (select.pbSwitch) return;
      select.pbSwitch = true;
      select.addEventListener("change", function () {
        set(select.getAttribute("data-pb-key"), select.value);
      });
    });
  }

  // Links made after the page (Material's search results) get the context as they are
  // followed, copied or opened in a new tab: before Material's own click handler runs.
  ["click", "auxclick", "contextmenu"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var link = event.target.closest && event.target.closest("a[href]");
      if (link) keep(link);
    }, true);
  });

  // Print shows every part, labelled, as without scripts.
  window.addEventListener("beforeprint", function () {
    fitPage({ platform: "", you: "", client: "" });
  });
  window.addEventListener("afterprint", function () {
    fitPage(context());
  });

  window.pbContext = {
    platform: platform,
    context: context,
    set: set,
    listOf: listOf,
    strings: function () {
      return site.strings;
    },
  };

  window.playbook.onEveryPage(wake);
})();
