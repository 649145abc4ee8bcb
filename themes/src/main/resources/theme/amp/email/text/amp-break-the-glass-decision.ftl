<#ftl output_format="plainText">
${msg("ampBreakTheGlassDecisionBody", recipient, system, status, reviewer, comment)}
