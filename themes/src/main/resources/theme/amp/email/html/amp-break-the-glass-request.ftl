<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("ampBreakTheGlassRequestBodyHtml", recipient, requester, system, minutes, reason))?no_esc}
</@layout.emailLayout>
