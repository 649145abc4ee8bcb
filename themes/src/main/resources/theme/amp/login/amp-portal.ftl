<#-- The AMP portal page (PortalResource): PatternFly 5 from Keycloak's common theme, and one JavaScript
     module that signs in with the public client and calls /realms/{realm}/amp/... The settings travel in
     data attributes: the page's Content-Security-Policy allows no inline script. -->
<!DOCTYPE html>
<html lang="en">
<head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex, nofollow">
    <title>AMP portal · ${realmDisplayName}</title>
    <link rel="stylesheet" href="${resourcesCommonPath}/vendor/patternfly-v5/patternfly.min.css">
    <link rel="stylesheet" href="${resourcesPath}/css/amp-portal.css">
    <script type="module" src="${resourcesPath}/js/amp-portal.js"></script>
</head>
<body data-realm="${realmName}" data-realm-display-name="${realmDisplayName}" data-realm-url="${realmUrl}"
      data-portal-url="${portalUrl}" data-client-id="${clientId}">
<a class="pf-v5-c-skip-to-content pf-v5-c-button pf-m-primary" href="#amp-main">Skip to content</a>
<div class="pf-v5-c-page">
    <header class="pf-v5-c-masthead amp-masthead">
        <div class="pf-v5-c-masthead__main">
            <span class="pf-v5-c-masthead__brand amp-brand">AMP portal <span class="amp-realm">${realmDisplayName}</span></span>
        </div>
        <div class="pf-v5-c-masthead__content">
            <nav class="amp-nav" id="amp-nav" aria-label="Portal sections"></nav>
            <div class="amp-user" id="amp-user"></div>
        </div>
    </header>
    <main class="pf-v5-c-page__main" id="amp-main" tabindex="-1">
        <section class="pf-v5-c-page__main-section pf-m-light">
            <div id="amp-alerts" aria-live="polite"></div>
            <div id="amp-view"><p class="amp-loading">Signing in…</p></div>
        </section>
    </main>
</div>
<noscript><p class="amp-noscript">The AMP portal needs JavaScript.</p></noscript>
</body>
</html>
