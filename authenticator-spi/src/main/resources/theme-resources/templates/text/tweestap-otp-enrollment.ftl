<#ftl output_format="plainText">
<#-- The authenticator-app enrollment e-mail, plain text (the HTML part holds the QR code). -->
${msg("tweestapOtpMailIntro")}

${msg("tweestapOtpAccount")}: ${tweestapOtpAccountName}
${msg("tweestapOtpMailKey")}: ${tweestapOtpKey}

${msg("tweestapOtpMailQrText")}

${msg("tweestapOtpMailValidity", tweestapOtpValidMinutes)}
${msg("tweestapOtpMailNotYou")}
