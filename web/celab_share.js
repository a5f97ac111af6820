// The page's JavaScript side of src/app/web/web_share.cpp, linked with --js-library: links that carry
// the drawing, the target and the loss options in the URL fragment ("#s=" and the link text).
mergeInto(LibraryManager.library, {
  // The page's own address with `text` as its fragment.
  $celabLinkOf: function (text) {
    return location.href.split('#')[0] + '#s=' + text;
  },

  celab_js_install_share__deps: ['$celabLinkOf'],
  celab_js_install_share: function () {
    window.celab.shareLink = () => celabLinkOf(UTF8ToString(_celab_share_link_text()));
    window.celab.linkNews = () => JSON.parse(UTF8ToString(_celab_link_news_json()));
    // A link opened, at start-up or pasted into the address bar of the open page.
    const open = () => {
      if (!location.hash.startsWith('#s=')) return;
      celabWithString(location.hash.slice(3), _celab_open_link);  // web/heap.js
    };
    open();
    window.addEventListener('hashchange', open);
  },

  // "Copy link": into the address bar (replaceState sends no hashchange) and the clipboard.
  celab_js_copy_link__deps: ['$celabLinkOf'],
  celab_js_copy_link: function (text) {
    const link = celabLinkOf(UTF8ToString(text));
    history.replaceState(null, '', link);
    const copied = navigator.clipboard ? navigator.clipboard.writeText(link) : Promise.reject(new Error('no clipboard'));
    copied.then(() => _celab_link_copied(1), () => _celab_link_copied(0));
  },
});
