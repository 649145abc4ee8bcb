<#ftl output_format="plainText">
${msg("ampAccessDecisionBody", recipient, roles, system, subject, status, decidedBy, reason)}
