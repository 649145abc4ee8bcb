<#ftl output_format="plainText">
${msg("ampBreakTheGlassRequestBody", recipient, requester, system, minutes, reason)}
