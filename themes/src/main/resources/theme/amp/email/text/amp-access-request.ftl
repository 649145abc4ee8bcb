<#ftl output_format="plainText">
${msg("ampAccessRequestBody", recipient, requester, roles, system, subject, department, justification)}
