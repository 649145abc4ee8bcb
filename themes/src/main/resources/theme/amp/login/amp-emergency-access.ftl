<#-- Asked by the "AMP Emergency Access" step when the login page's choice cannot start an
     emergency access yet: the reason is missing or too long (ask again), or the user does not
     hold Emergency Access (say so). Either way the user may continue without it. -->
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('amp_emergency_reason'); section>
    <#if section = "header">
        ${msg("ampEmergencyAccessTitle")}
    <#elseif section = "form">
        <form id="amp-emergency-access" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <#if ampEmergency.held>
                <p id="amp-emergency-explain">${msg("ampEmergencyAccessExplain", ampEmergency.minutes?c, ampEmergency.grants)}</p>
                <@field.group name="amp_emergency_reason" label=msg("ampEmergencyReason") required=true error=messagesPerField.get('amp_emergency_reason')>
                    <span class="${properties.kcInputClass!}<#if messagesPerField.existsError('amp_emergency_reason')> ${properties.kcError!}</#if>">
                        <textarea id="amp_emergency_reason" name="amp_emergency_reason" rows="4" maxlength="${ampEmergency.maxReason?c}"
                                  aria-invalid="<#if messagesPerField.existsError('amp_emergency_reason')>true</#if>">${ampEmergency.reason}</textarea>
                    </span>
                </@field.group>
                <@buttons.actionGroup>
                    <@buttons.button id="amp-emergency-start" name="amp_emergency_decision" label="ampEmergencyStart" value="start"/>
                    <@buttons.button id="amp-emergency-skip" name="amp_emergency_decision" label="ampEmergencyContinueWithout" type="secondary" value="skip"/>
                </@buttons.actionGroup>
            <#else>
                <@buttons.actionGroup>
                    <@buttons.button id="amp-emergency-skip" name="amp_emergency_decision" label="ampEmergencyContinueWithout" value="skip"/>
                </@buttons.actionGroup>
            </#if>
        </form>
    </#if>
</@layout.registrationLayout>
