<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("ampAccessDecisionBodyHtml", recipient, roles, system, subject, status, decidedBy, reason))?no_esc}
</@layout.emailLayout>
