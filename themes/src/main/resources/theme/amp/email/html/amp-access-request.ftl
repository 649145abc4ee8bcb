<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("ampAccessRequestBodyHtml", recipient, requester, roles, system, subject, department, justification))?no_esc}
</@layout.emailLayout>
