// The iframe page's height, told to the page that frames it, so a host can make the frame
// as tall as the builder instead of scrolling it inside a fixed box (README, "The iframe
// page": the host's few lines check who sent it). A file of its own rather than inline
// code: the page's Content Security Policy then stays the same for every release, which
// hosts that send it as a header would otherwise have to update with a new hash.
//
// The message is { type: "iam-policy-builder:height", height } in CSS pixels: the height
// of the whole document (the builder and the page's margins). It goes when the page
// starts and whenever that height changes — the live builder replacing its pre-render, a
// section opened, a pasted error diagnosed, the frame made narrower — and at most once
// per frame: a ResizeObserver reports once per rendering update, and only a changed
// height is sent.

const TYPE = "iam-policy-builder:height";

// Framed only; a page opened on its own has nobody to tell.
if (window.parent !== window) {
  let sent = 0;
  const send = () => {
    // The root's box, not its scrollHeight: that is never less than the frame's own
    // height, so a frame could grow and never shrink.
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === sent) return;
    sent = height;
    // To whichever page frames this one: which sites may is the frame-ancestors of the
    // page's policy, and the height is all the message says.
    window.parent.postMessage({ type: TYPE, height }, "*");
  };
  new ResizeObserver(send).observe(document.documentElement);
}
