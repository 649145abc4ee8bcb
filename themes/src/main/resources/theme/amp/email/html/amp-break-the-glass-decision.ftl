<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("ampBreakTheGlassDecisionBodyHtml", recipient, system, status, reviewer, comment))?no_esc}
</@layout.emailLayout>
