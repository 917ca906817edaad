/* xxgk's part of the web editor, registered with Decap CMS (loaded just before this file).

   The 索引号 widget: a new document gets its 发布机构's next free 索引号 for this year,
   <统一社会信用代码>/<年份>-<五位流水号>, as `xxgk new` gives it. index-numbers.json, written
   by every build, holds each unit's code and the highest serial each code used each year.
   A number read from a saved document is never changed; one this widget gave follows the
   发布机构 until the document is saved. The year is taken as the editor names the new
   file's folder (<年份>/), so the two agree. */
(function () {
  "use strict";
  var CMS = window.CMS;
  var h = window.h;
  var createClass = window.createClass;
  if (!CMS || !h || !createClass) return;

  var table = fetch("index-numbers.json", { cache: "no-store" }).then(function (response) {
    if (!response.ok) throw new Error("index-numbers.json: " + response.status);
    return response.json();
  });

  function nextNumber(data, unit, year) {
    var code = data["单位"][unit];
    if (!code) return "";
    var used = (data["已用"][code] || {})[String(year)] || 0;
    return code + "/" + year + "-" + String(used + 1).padStart(5, "0");
  }

  var IndexNumberControl = createClass({
    getInitialState: function () {
      return { given: "", problem: "" };
    },
    componentDidMount: function () {
      this.assign();
    },
    componentDidUpdate: function () {
      this.assign();
    },
    assign: function () {
      var value = this.props.value || "";
      if (value && value !== this.state.given) return; // read from the document: never changed
      var unit = this.props.entry.getIn(["data", "发布机构"]);
      if (!unit) return;
      var self = this;
      table
        .then(function (data) {
          var number = nextNumber(data, unit, new Date().getUTCFullYear());
          if (!number) {
            if (self.state.problem !== unit) self.setState({ problem: unit });
            return;
          }
          if (number !== (self.props.value || "")) {
            self.setState({ given: number, problem: "" });
            self.props.onChange(number);
          }
        })
        .catch(function () {
          if (self.state.problem !== "*") self.setState({ problem: "*" });
        });
    },
    render: function () {
      var problem = this.state.problem;
      var note = problem === "*"
        ? "无法读取已用的索引号，请刷新页面后重试"
        : problem
          ? "「" + problem + "」不在单位名册中，无法生成索引号"
          : "";
      return h(
        "div",
        { className: this.props.classNameWrapper },
        h("input", {
          id: this.props.forID,
          type: "text",
          readOnly: true,
          value: this.props.value || "",
          placeholder: "选择发布机构后自动生成",
          style: { border: 0, width: "100%", background: "transparent", font: "inherit" },
        }),
        note ? h("p", { role: "alert", style: { color: "#b71c1c", margin: ".4em 0 0" } }, note) : null
      );
    },
  });

  function IndexNumberPreview(props) {
    return h("p", {}, props.value || "");
  }

  CMS.registerWidget("xxgk-index-number", IndexNumberControl, IndexNumberPreview);
})();
