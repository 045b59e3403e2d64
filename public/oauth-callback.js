// Popup sign-in callback: hands the portal's answer back to the console window, then closes.
(function () {
  var opener = window.opener;
  if (!opener) {
    window.location.replace('/');
    return;
  }
  try {
    if (window.location.search) {
      opener.dispatchEvent(
        new CustomEvent('arcgis:auth:location:search', { detail: window.location.search }),
      );
    } else if (window.location.hash) {
      opener.dispatchEvent(new CustomEvent('arcgis:auth:hash', { detail: window.location.hash }));
    }
  } finally {
    window.close();
  }
})();
