// <IamPolicyBuilder />: the builder as a React component, for Docusaurus and other React
// sites. It renders one empty <div>, mounts the builder into that div's shadow root after
// the first render (never during server rendering: the wasm is imported in the effect)
// and destroys it when the component unmounts, so client-side routing neither leaks a
// builder nor mounts two.
//
//   import { IamPolicyBuilder } from 'iam-policy-builder/react';
//   <IamPolicyBuilder region="eu-west-1" secrets={['matillion/agent']} compact />
//
// Props are mount()'s options. Like an input's defaultValue, they are where the form
// starts: the reader's edits are kept when the parent re-renders. To start over with other
// values, give the component another `key`. `className` and `style` go on the div.

import { createElement, useEffect, useRef } from "react";
import css from "./styles.js";

// One wasm instance serves every builder on the page, however many mount.
let loading = null;
function loadBuilder() {
  loading ??= import("./iam_policy_builder.js").then(async (glue) => {
    await glue.default({
      module_or_path: new URL("iam_policy_builder_bg.wasm", import.meta.url),
    });
    return glue;
  });
  return loading;
}

// The builder's stylesheet, constructed once and adopted by each builder's shadow root.
// Bundlers treat a .css file as the site's own CSS (Docusaurus merges it into the page's),
// so the package carries the same text as a module (styles.js) and nothing is linked.
let sheet = null;
function styleSheet() {
  if (sheet === null) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  return sheet;
}

export function IamPolicyBuilder({ className, style, ...options }) {
  const host = useRef(null);
  // The options of the first render: later renders do not reset what the reader typed.
  const initial = useRef(options);
  useEffect(() => {
    let widget = null;
    let unmounted = false;
    loadBuilder().then(
      ({ mount }) => {
        if (unmounted || !host.current) return;
        const root = host.current.shadowRoot ?? host.current.attachShadow({ mode: "open" });
        root.adoptedStyleSheets = [styleSheet()];
        try {
          widget = mount(host.current, initial.current);
        } catch (error) {
          // A prop mount() cannot take at all (a wrong type); values it can read but not
          // use are console warnings, and the builder still mounts.
          console.error(`iam-policy-builder: ${error.message}`);
        }
      },
      (error) => {
        console.error("iam-policy-builder: the builder could not load.", error);
      },
    );
    return () => {
      unmounted = true;
      widget?.destroy();
      widget?.free();
      widget = null;
    };
  }, []);
  return createElement("div", { ref: host, className, style });
}
