<#-- The authenticator-app enrollment e-mail (seed 003): account name, key and the QR code as an inline image
     (tweestapOtpQrSrc is its cid: reference). Texts: messages tweestapOtpMail*, overridable by any e-mail theme. -->
<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${kcSanitize(msg("tweestapOtpMailIntro"))?no_esc}</p>
<table>
<tr><th align="left" style="padding-right: 1em">${msg("tweestapOtpAccount")}</th><td>${tweestapOtpAccountName}</td></tr>
<tr><th align="left" style="padding-right: 1em">${msg("tweestapOtpMailKey")}</th><td><code style="font-size: 1.2em">${tweestapOtpKey}</code></td></tr>
</table>
<p>${kcSanitize(msg("tweestapOtpMailQrText"))?no_esc}</p>
<p><img src="${tweestapOtpQrSrc}" alt="${msg("tweestapOtpQrAlt")}" width="246" height="246"></p>
<p>${kcSanitize(msg("tweestapOtpMailValidity", tweestapOtpValidMinutes))?no_esc}</p>
<p>${kcSanitize(msg("tweestapOtpMailNotYou"))?no_esc}</p>
</@layout.emailLayout>
