extension ZoomableMap {
    /// The map's markup: Leaflet's styles and code inlined (with no sequence that would close their element), the
    /// container, and the script that draws `data` ({communes, zones: [{key, name, fill, edge, on, fc}], points:
    /// [{key, name, fill, radius, fc}]}) with `labels`. Each drawn shape carries the class `cg-<layer key>` so a test
    /// can count what is on the map; the legend is Leaflet's layer control, open.
    static func page(css: String, js: String, labels: String, data: String, language: ReportLanguage) -> String {
        let vi = language == .vi
        return """
            <style>\(css.replacingOccurrences(of: "</", with: "<\\/"))
            #zoommap{height:600px;border:1px solid #ccc;background:#f7f7f4}
            #zoommap .cg-swatch{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:-.1em;\
            border:1px solid #555}
            #zoommap .cg-dot{border-radius:50%}
            @media print{#zoommap,.zoomnote{display:none}}
            </style>
            <div id="zoommap" role="region" aria-label="\(vi ? "Bản đồ thu phóng" : "Zoomable map")"></div>
            <p class="zoomnote hint">\(vi
                ? "Cuộn để phóng to; bấm vào một vùng lõm, một xã, một thôn"
                    + " hay một trạm để xem số liệu; bật, tắt các lớp ở"
                    + " chú giải."
                : "Scroll to zoom; click a dead zone, commune, village or mast for its figures;"
                    + " switch layers in the legend.")</p>
            <script>\(js.replacingOccurrences(of: "</script", with: "<\\/script"))</script>
            <script>
            (function () {
              var data = \(data);
              var t = \(labels);
              function esc(s) { var d = document.createElement("div"); d.textContent = s; return d.innerHTML; }
              function swatch(colour, dot) {
                return '<span class="cg-swatch' + (dot ? ' cg-dot' : '') + '" style="background:' + colour +
                  '"></span>';
              }
              var map = L.map("zoommap", {attributionControl: false, zoomSnap: 0.25});
              var c = L.geoJSON(data.communes, {
                style: {color: "#333", weight: 1, fill: true, fillOpacity: 0.02, className: "cg-communes"},
                onEachFeature: function (f, l) { l.bindPopup("<b>" + esc(f.properties.name) + "</b> (" +
                  esc(f.properties.code) + ")<br>" + t.covered + ": " + esc(f.properties.covered)); }}).addTo(map);
              var overlays = {}, byId = {};
              data.zones.forEach(function (z) {
                var group = L.geoJSON(z.fc, {
                  style: {color: z.edge, weight: 0.8, fillColor: z.fill, fillOpacity: 0.75, className: "cg-" + z.key},
                  onEachFeature: function (f, l) {
                    l.bindPopup("<b>" + esc(f.properties.id) + "</b><br>" + esc(f.properties.commune) + "<br>" +
                      t.people + ": " + esc(f.properties.people) + "<br>" + t.area + ": " + esc(f.properties.area));
                  }});
                // Leaflet calls onEachFeature while it builds the group: the group is known only after.
                group.eachLayer(function (l) { byId[l.feature.properties.id] = {layer: l, group: group}; });
                if (z.on) { group.addTo(map); }
                overlays[swatch(z.fill, false) + esc(z.name)] = group;
              });
              data.points.forEach(function (p) {
                var group = L.geoJSON(p.fc, {
                  pointToLayer: function (f, at) {
                    return L.circleMarker(at, {radius: p.radius, color: "#fff", weight: 1, fillColor: p.fill,
                      fillOpacity: 1, className: "cg-" + p.key});
                  },
                  onEachFeature: function (f, l) {
                    var q = f.properties, lines = ["<b>" + esc(q.id || q.name) + "</b>", esc(q.commune)];
                    if (q.households) { lines.push(t.households + ": " + esc(q.households)); }
                    if (q.carriers) { lines.push(t.carriers + ": " + esc(q.carriers)); }
                    if (q.people) { lines.push(t.gain + ": " + esc(q.people)); }
                    if (q.height) { lines.push(t.height + ": " + esc(q.height)); }
                    l.bindPopup(lines.join("<br>"));
                  }}).addTo(map);
                overlays[swatch(p.fill, true) + esc(p.name) + " (" + p.fc.features.length + ")"] = group;
              });
              map.fitBounds(c.getBounds());
              L.control.layers(null, overlays, {collapsed: false}).addTo(map);
              L.control.scale({imperial: false}).addTo(map);
              // A zone's id in the tables (further down the page) links here: the map shows the zone's layer, zooms
              // to the zone and opens its figures.
              document.addEventListener("click", function (e) {
                var a = e.target.closest && e.target.closest("a[data-zone]");
                var z = a && byId[a.getAttribute("data-zone")];
                if (!z) { return; }
                if (!map.hasLayer(z.group)) { z.group.addTo(map); }
                map.fitBounds(z.layer.getBounds(), {maxZoom: 14});
                z.layer.openPopup();
              });
            })();
            </script>

            """
    }
}
