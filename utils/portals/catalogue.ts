// GENERATED from feed/portals/*.json by utils/build/catalogue-files.ts (npm run feed -- catalogue,
// and every build). Do not edit: change the data files (docs/catalogue.md, "Adding a portal").
import type { Portal } from './schema';

/**
 * The reviewed portal catalogue, one entry per file in feed/portals/, in file (id) order. Typed
 * with `satisfies` rather than parsed, so no extension context runs zod over it; the build and
 * the tests parse the files with the schema before this module is written. The content script
 * never imports it: its match patterns are written into the manifest (wxt.config.ts).
 */
export const CATALOGUE = [
  {
    "id": "advocate-aurora",
    "name": "LiveWell and MyAdvocateAurora",
    "operator": "Advocate Health",
    "country": "US",
    "kind": "portal",
    "hosts": [],
    "notes": [
      "The sign-in host is not known from the sources, so these pages are not recognised automatically.",
      "In October 2022 Advocate Aurora Health reported that tracking pixels on its sites, including MyChart pages, may have sent data about up to 3 million patients to Meta and Google (press reports)."
    ],
    "sources": [
      "https://www.advocateaurorahealth.org/myadvocateaurora/faq",
      "https://advocatehealth.org/livewell/faq",
      "https://www.cbsnews.com/chicago/news/advocate-aurora-health-data-breach-facebook-google/"
    ],
    "provenance": {
      "hosts": "The sources show only FAQ pages under paths of the health system's whole websites (advocateaurorahealth.org/myadvocateaurora, advocatehealth.org/livewell). Claiming those hosts would label every hospital page a portal; the sign-in host is in none of the sources."
    }
  },
  {
    "id": "athenahealth",
    "name": "athenahealth Patient Portal",
    "operator": "Each practice, using athenahealth software",
    "country": "US",
    "kind": "platform",
    "hosts": [
      {
        "host": "help.athenahealth.com",
        "match": "exact",
        "evidence": "official"
      },
      {
        "host": "myidentity.platform.athenahealth.com",
        "match": "exact",
        "evidence": "official"
      }
    ],
    "account": {
      "changePassword": {
        "directions": "Sign-in page → Forgot password? → follow the emailed link → confirm with your security option.",
        "evidence": "official"
      },
      "twoStep": {
        "status": "not-offered",
        "methods": [],
        "evidence": "official"
      }
    },
    "platformSignals": [
      {
        "id": "athena-portal-host",
        "kind": "host",
        "pattern": "^[0-9]+(?:-[0-9]+)?\\.portal\\.athenahealth\\.com$",
        "source": "https://help.athenahealth.com/ohelp/Content/Features/aCom_athenahealth_Account_for_Patient_Portal_Users_A.htm",
        "evidence": "secondary",
        "inferred": true,
        "note": "The host shape comes from practices’ “Patient Portal” links (for example https://15731.portal.athenahealth.com/); the cited page says every Patient Portal is powered by athenahealth."
      }
    ],
    "lookalikes": [
      "myathenahealth.net"
    ],
    "notes": [
      "The security option (text, call or security question) is for account recovery only; sign-in has no second step.",
      "One athenahealth account works across every athenahealth portal and connected apps such as Apple Health."
    ],
    "sources": [
      "https://myidentity.platform.athenahealth.com/help/help?client_id=0oaku1tngsTH20pA1296",
      "https://help.athenahealth.com/ohelp/Content/Features/aCom_athenahealth_Account_for_Patient_Portal_Users_A.htm",
      "https://turnerguides.com/article/create-an-account-athenahealth/4479",
      "https://myathenahealth.net/forgot-password/"
    ],
    "provenance": {
      "hosts": "Per-practice hosts (<id>.portal.athenahealth.com?) are unverified and not claimed.",
      "platformSignals": "Practices link to <practice id>.portal.athenahealth.com. No public copy of the page itself was found, so there is a host signal only, and one kind never names a platform: these pages are not recognised until a second kind is added from a public source."
    }
  },
  {
    "id": "au-my-health-record",
    "name": "My Health Record",
    "operator": "Australian Digital Health Agency",
    "country": "AU",
    "kind": "portal",
    "hosts": [],
    "account": {
      "export": {
        "directions": "In the “my health” app: access, download, store and share documents. On the web (through myGov): download your immunisation history statement or COVID-19 certificate.",
        "evidence": "official"
      }
    },
    "notes": [
      "On the web you reach it by signing in to myGov, so it inherits myGov’s sign-in security.",
      "A Record Access Code or Limited Document Access Code restricts which providers can see your record.",
      "Holds shared health summaries, discharge summaries, pathology and imaging reports, prescriptions and referrals."
    ],
    "sources": [
      "https://www.digitalhealth.gov.au/myhealth/privacy",
      "https://healthdirect.gov.au/amp/article/my-health-record",
      "https://training.digitalhealth.gov.au/mod/page/view.php?id=960",
      "https://fst.net.au/government-news/digital-health-agency-launches-mobile-app/"
    ],
    "provenance": {
      "hosts": "On the web the record is reached through myGov, whose entry already claims my.gov.au; a host belongs to one portal only. The entry exists for its account facts and for feed notices."
    }
  },
  {
    "id": "connectmyhealth",
    "name": "ConnectMyHealth",
    "operator": "Hamilton Health Sciences",
    "country": "CA",
    "kind": "portal",
    "hosts": [
      {
        "host": "info.connectmyhealth.ca",
        "match": "exact",
        "evidence": "official"
      }
    ],
    "homeUrl": "https://info.connectmyhealth.ca/",
    "notes": [
      "For Ontario West patients aged 16 or over with a green Ontario health card and their own email address.",
      "It reads the hospital systems live rather than keeping a copy, and can share your record."
    ],
    "sources": [
      "https://info.connectmyhealth.ca/faqs",
      "https://hpha.ca/connectmyhealth"
    ],
    "provenance": {
      "hosts": "Only the information site is confirmed; the portal's own sign-in host is in none of the sources."
    }
  },
  {
    "id": "epic-mychart",
    "name": "MyChart",
    "operator": "Each health system, using software by Epic Systems",
    "country": "US",
    "kind": "platform",
    "hosts": [
      {
        "host": "mychart.org",
        "match": "subdomains",
        "evidence": "official"
      },
      {
        "host": "mychartcentral.com",
        "match": "exact",
        "evidence": "official"
      }
    ],
    "tenants": [
      {
        "host": "mychart.balladhealth.org",
        "organization": "Ballad Health",
        "path": "/mychart",
        "evidence": "official",
        "sources": [
          "https://mychart.balladhealth.org/mychart/Authentication/Login?mode=stdfile&option=termsandconditions"
        ]
      },
      {
        "host": "mychart.clevelandclinic.org",
        "organization": "Cleveland Clinic",
        "evidence": "official",
        "sources": [
          "https://mychart.clevelandclinic.org/default.asp?mode=stdfile&option=faq"
        ]
      },
      {
        "host": "mychart.fairview.org",
        "organization": "M Health Fairview",
        "path": "/MyChart",
        "evidence": "official",
        "sources": [
          "https://mychart.fairview.org/MyChart/Authentication/Login?mode=stdfile&option=hlthprivacy"
        ]
      },
      {
        "host": "mychart.mhs.net",
        "organization": "Memorial Healthcare System",
        "path": "/mychart",
        "evidence": "official",
        "sources": [
          "https://mychart.mhs.net/default.asp?mode=stdfile&option=faq",
          "https://mychart.mhs.net/MyChart/en-us/faq.asp"
        ]
      },
      {
        "host": "mychart.ochin.org",
        "organization": "OCHIN",
        "path": "/mychart",
        "evidence": "official",
        "sources": [
          "https://mychart.ochin.org/mychart/default.asp?mode=stdfile&option=faq"
        ]
      },
      {
        "host": "mychart.womans.org",
        "organization": "Woman’s Hospital",
        "path": "/MyChart",
        "evidence": "official",
        "sources": [
          "https://www.womans.org/mychart/linking-mychart-accounts"
        ]
      },
      {
        "host": "mymemorialcare.memorialcare.org",
        "organization": "MemorialCare",
        "path": "/mychart",
        "evidence": "official",
        "sources": [
          "https://mymemorialcare.memorialcare.org/mychart/default.asp?mode=stdfile&option=termsandconditions&lang=english"
        ]
      }
    ],
    "homeUrl": "https://mychart.org/",
    "account": {
      "changePassword": {
        "directions": "Menu → Account Settings → Security Settings. Epic cannot reset your password: contact the organisation that runs your MyChart.",
        "evidence": "official"
      },
      "twoStep": {
        "status": "optional",
        "methods": [
          "email-code",
          "sms-code",
          "authenticator-app",
          "passkey"
        ],
        "location": "Menu → Account Settings → Security Settings",
        "helpUrl": "https://preview.mychart.org/l/en-us/help/two-factor-auth/",
        "evidence": "official"
      },
      "export": {
        "directions": "Share Everywhere gives a one-time code that the recipient enters with your date of birth at shareeverywhere.epic.com; you can also download or send a Visit Summary. The menu name for downloading the whole record (“Download My Record”, “Document Center”) varies by organisation.",
        "formats": [
          "ccda"
        ],
        "evidence": "secondary"
      }
    },
    "signals": {
      "loginPaths": [
        "/Authentication/Login/?$"
      ]
    },
    "platformSignals": [
      {
        "id": "mychart-login-path",
        "kind": "path",
        "pattern": "/Authentication/Login(?:[/?#]|$)",
        "source": "https://mychart.fairview.org/MyChart/Authentication/Login?mode=stdfile&option=hlthprivacy",
        "evidence": "official"
      },
      {
        "id": "mychart-stdfile-path",
        "kind": "path",
        "pattern": "/default\\.asp\\?(?:[^#]*&)?mode=stdfile",
        "source": "https://mychart.clevelandclinic.org/default.asp?mode=stdfile&option=faq",
        "evidence": "official"
      },
      {
        "id": "mychart-inside-path",
        "kind": "path",
        "pattern": "/inside\\.asp\\?(?:[^#]*&)?mode=",
        "source": "https://www.dukemychart.org/Home/inside.asp?mode=visitsummary&submode=notes",
        "evidence": "secondary"
      },
      {
        "id": "mychart-default-asp-path",
        "kind": "path",
        "pattern": "/(?:mychart[a-z-]*|myhealth)/(?:default\\.asp)?$",
        "source": "https://github.com/silverfoxy/JSCryptoMinerStudy/blob/afccd315654b9e4091c20fd0c385a89b1bbb3b3c/pagesource/myhealthatvanderbilt.com",
        "evidence": "secondary",
        "inferred": true,
        "note": "The sign-in page is the root of the MyChart path; the copy links its logo to /mychartprd/ and its pages to default.asp."
      },
      {
        "id": "mychart-prelogin-script",
        "kind": "asset",
        "pattern": "/scripts/ui_framework/core/prelogin(?:\\.min)?\\.js$",
        "source": "https://github.com/silverfoxy/JSCryptoMinerStudy/blob/afccd315654b9e4091c20fd0c385a89b1bbb3b3c/pagesource/myhealthatvanderbilt.com",
        "evidence": "secondary"
      },
      {
        "id": "mychart-wp-script",
        "kind": "asset",
        "pattern": "/scripts/wp\\.(?:comm|utils|dom|controls|strings|events)(?:\\.min)?\\.js$",
        "source": "https://github.com/silverfoxy/JSCryptoMinerStudy/blob/afccd315654b9e4091c20fd0c385a89b1bbb3b3c/pagesource/myhealthatvanderbilt.com",
        "evidence": "secondary"
      },
      {
        "id": "mychart-prelogin-style",
        "kind": "asset",
        "pattern": "/styles/prelogin\\.css$",
        "source": "https://github.com/silverfoxy/JSCryptoMinerStudy/blob/afccd315654b9e4091c20fd0c385a89b1bbb3b3c/pagesource/myhealthatvanderbilt.com",
        "evidence": "secondary"
      },
      {
        "id": "mychart-jsenabled-field",
        "kind": "form",
        "pattern": "^jsenabled$",
        "source": "https://github.com/silverfoxy/JSCryptoMinerStudy/blob/afccd315654b9e4091c20fd0c385a89b1bbb3b3c/pagesource/myhealthatvanderbilt.com",
        "evidence": "secondary"
      }
    ],
    "lookalikes": [
      "mychart-health.org"
    ],
    "notes": [
      "Each health system runs its own MyChart and sets its own rules; many have made two-step verification mandatory (UW Health did after its 2021 account-takeover incident).",
      "MyChart Central (mychartcentral.com) links several MyChart accounts under one sign-in.",
      "Under the US “View, Download, Transmit” rule, portals offer a C-CDA (XML) download."
    ],
    "sources": [
      "https://mychart.org/help",
      "https://preview.mychart.org/l/en-us/help/data-security/",
      "https://preview.mychart.org/l/en-us/help/two-factor-auth/",
      "https://selfregional.org/mychart/mychart-two-step-verification",
      "https://www.mychartcare.org/?p=2376",
      "https://mychartcentral.com/PrivacyPolicy.aspx",
      "https://shareeverywhere.epic.com/FAQ",
      "https://mychart.clevelandclinic.org/default.asp?mode=stdfile&option=faq",
      "https://dev.patientwing.com/additional-pages/medical-records",
      "http://bluebuttonplus.com/download.html",
      "https://mychart-health.org/about-us/",
      "https://www.uwhealth.org/news/notice-of-privacy-incident"
    ],
    "provenance": {
      "hosts": "mychart.org is Epic's own directory (\"Find your MyChart\") and help site, including preview.mychart.org; mychart.com was never seen and is not claimed.",
      "tenants": "A host alone does not say whose it is: each tenant cites the organisation's own MyChart or MyChart-help page, which shows the host belongs to it.",
      "signals": "The sign-in page sits under the tenant's MyChart path, e.g. /MyChart/Authentication/Login.",
      "platformSignals": "The assets and field names come from a 2018 copy of Vanderbilt's MyChart sign-in page kept in a public repository; the paths from tenants' own URLs."
    }
  },
  {
    "id": "evergreen-life",
    "name": "Evergreen Life",
    "operator": "Evergreen Health Solutions",
    "country": "UK",
    "kind": "portal",
    "hosts": [
      {
        "host": "e-life.co.uk",
        "match": "exact",
        "evidence": "secondary",
        "comment": "Legacy host, seen only on third-party pages."
      },
      {
        "host": "evergreen-life.co.uk",
        "match": "subdomains",
        "evidence": "official"
      }
    ],
    "notes": [
      "Links to your GP record with the Account ID and Linkage Key (EMIS, Vision) or Passphrase (TPP) your practice gives you, or with NHS login.",
      "Full access to the GP record is given on request."
    ],
    "sources": [
      "https://help.evergreen-life.co.uk/health-professionals/helping-patients-set-up-gp-services-in-evergreen-life",
      "https://help.evergreen-life.co.uk/help-article/get-full-access-to-your-medical-record"
    ]
  },
  {
    "id": "followmyhealth",
    "name": "FollowMyHealth",
    "operator": "Each organisation, using Veradigm (Allscripts) software",
    "country": "US",
    "kind": "platform",
    "hosts": [
      {
        "host": "followmyhealth.com",
        "match": "exact",
        "evidence": "secondary",
        "comment": "The sign-in host is seen only on practice pages."
      },
      {
        "host": "support.followmyhealth.com",
        "match": "exact",
        "evidence": "official"
      }
    ],
    "account": {
      "export": {
        "directions": "View, download or transmit your results.",
        "evidence": "secondary"
      }
    },
    "platformSignals": [
      {
        "id": "fmh-host",
        "kind": "host",
        "pattern": "(?:^|\\.)followmyhealth\\.com$",
        "source": "https://wvumedicine.org/wheeling/patients-and-visitors/patient-portal/frequently-asked-questions/",
        "evidence": "secondary"
      },
      {
        "id": "fmh-login-path",
        "kind": "path",
        "pattern": "^/Login/Home/Index(?:[/?#]|$)",
        "source": "https://vaeye.followmyhealth.com/Login/Home/Index?authproviders=0&returnArea=PatientAccess",
        "evidence": "secondary",
        "note": "The sign-in address practices link to, with returnArea=PatientAccess."
      }
    ],
    "notes": [
      "You can sign in with a FollowMyHealth username or through Facebook, Google, Microsoft, Yahoo! or Cerner.",
      "Invitations come from noreply@followmyhealth.com."
    ],
    "sources": [
      "https://support.followmyhealth.com/2020/03/12/how-to-register-using-a-mobile-device-after-receiving-an-invitation/",
      "https://wvumedicine.org/wheeling/patients-and-visitors/patient-portal/frequently-asked-questions/",
      "https://www.psjhmedgroups.org/Orange-County/Patients-Families/Resources/Help-Topics/Patient-Portal-Follow-My-Health.aspx",
      "https://doczz.es/doc/93550/frequently-asked-questions"
    ]
  },
  {
    "id": "healow",
    "name": "healow",
    "operator": "Each practice, using eClinicalWorks software",
    "country": "US",
    "kind": "platform",
    "hosts": [
      {
        "host": "healow.com",
        "match": "subdomains",
        "evidence": "official"
      }
    ],
    "homeUrl": "https://www.healow.com/",
    "account": {
      "changePassword": {
        "directions": "Sign-in page → Can’t access your account → Forgot password: an emailed link, then your security question.",
        "evidence": "official"
      }
    },
    "platformSignals": [
      {
        "id": "ecw-host",
        "kind": "host",
        "pattern": "^mycw[0-9]+\\.(?:eclinicalweb|ecwcloud)\\.com$",
        "source": "https://pdfslide.us/documents/patient-portal-training-web-enabling-your-patient-can-be-done-in-multiple-ways.html",
        "evidence": "secondary",
        "note": "ecwcloud.com, the same shape on eClinicalWorks’ cloud hosting, is seen in practices’ portal links."
      },
      {
        "id": "ecw-login-path",
        "kind": "path",
        "pattern": "^/portal[0-9]+/jsp/100mp/login(?:_otp)?\\.jsp",
        "source": "https://pdfslide.us/documents/patient-portal-training-web-enabling-your-patient-can-be-done-in-multiple-ways.html",
        "evidence": "secondary"
      }
    ],
    "lookalikes": [
      "cettest.org"
    ],
    "notes": [
      "Practices are identified by a 6-letter practice code.",
      "The app can be locked with a PIN or Touch ID; a second step at sign-in is not confirmed."
    ],
    "sources": [
      "https://www.healow.com/support/jsp/faq/index.html",
      "https://help.healow.com/page_id338/",
      "https://communicaresa.org/healow-patient-portal",
      "https://cettest.org/healow-app-patient-portal-login/"
    ],
    "provenance": {
      "hosts": "healow.com, www.healow.com and help.healow.com are all eClinicalWorks' own; per-practice portal hosts are unverified and not claimed.",
      "lookalikes": "The guide site claims nothing on healow's behalf, so warning on all of it (and, as a lookalike rule does, on its subdomains) is accurate: none of it is healow.",
      "platformSignals": "The practice's own eClinicalWorks portal, as a practice's training document shows it (https://mycw52.eclinicalweb.com/portal6061/jsp/100mp/login.jsp)."
    }
  },
  {
    "id": "health-gateway-bc",
    "name": "Health Gateway",
    "operator": "BC Ministry of Health",
    "country": "CA",
    "kind": "portal",
    "hosts": [],
    "account": {
      "export": {
        "directions": "Lab results from 2020 onwards can be downloaded as PDF.",
        "formats": [
          "pdf"
        ],
        "evidence": "official"
      }
    },
    "notes": [
      "You sign in with the BC Services Card app.",
      "Shows lab results (from 2020), imaging reports (from September 2023), medications since 1995 and immunisations.",
      "Genuine notifications come from healthgateway-donotreply@hlth.gov.bc.ca and the SMS short code 70935."
    ],
    "sources": [
      "https://www2.gov.bc.ca/gov/content/health/managing-your-health/health-gateway/guide/healthrecords",
      "https://www.healthlinkbc.ca/more/health-features/your-health-information",
      "https://www.bccancer.bc.ca/screening/contact"
    ],
    "provenance": {
      "hosts": "The sources give only the guide on gov.bc.ca, not Health Gateway's own web host. Inventing one would make the extension vouch for a host nobody checked, so no host is claimed.",
      "sources": "Some copies of this link have a trailing dot after the host (www2.gov.bc.ca.); the same page."
    }
  },
  {
    "id": "healthengine",
    "name": "HealthEngine",
    "operator": "HealthEngine Pty Ltd",
    "country": "AU",
    "kind": "portal",
    "hosts": [
      {
        "host": "healthengine.com.au",
        "match": "subdomains",
        "evidence": "secondary"
      }
    ],
    "notes": [
      "A booking site and app, not a GP record portal.",
      "In 2020 the Federal Court fined HealthEngine A$2.9M for passing details of more than 135,000 patients to insurance brokers between 2014 and 2018."
    ],
    "sources": [
      "https://brightlaw.com.au/case-note-when-a-referral-is-a-privacy-breach-as-well-as-misleading-conduct",
      "https://www.zdnet.com/article/healthengine-fined-for-sharing-patient-data-without-consent-and-skewing-its-reviews/"
    ],
    "provenance": {
      "hosts": "The host comes from the court's summary, but the only copy of it cited is a law firm's case note, so the evidence recorded here is `secondary`."
    }
  },
  {
    "id": "kaiser-permanente",
    "name": "Kaiser Permanente",
    "operator": "Kaiser Foundation Health Plan",
    "country": "US",
    "kind": "portal",
    "hosts": [
      {
        "host": "kaiserpermanente.org",
        "match": "subdomains",
        "evidence": "official"
      },
      {
        "host": "kp.org",
        "match": "subdomains",
        "evidence": "official"
      }
    ],
    "homeUrl": "https://healthy.kaiserpermanente.org/",
    "account": {
      "twoStep": {
        "status": "optional",
        "methods": [],
        "location": "My Account → Profile & Preferences → Account & Security",
        "evidence": "secondary"
      }
    },
    "notes": [
      "Two-factor authentication is available but off by default, according to a third-party help page.",
      "Sign-in help: healthy.kaiserpermanente.org/consumer-sign-on/help-signing-in.",
      "In April 2024 KP reported that tracking code on its sites and apps may have sent data about 13.4 million members and patients to Google, Microsoft and X (press reports)."
    ],
    "sources": [
      "https://healthy.kaiserpermanente.org/washington/privacy",
      "https://healthy.kaiserpermanente.org/washington/support/sign-in",
      "https://healthy.kaiserpermanente.org/consumer-sign-on/help-signing-in",
      "https://support.healthlock.com/support/solutions/articles/153000171917-how-to-turn-off-two-factor-authentication-for-your-kaiser-permanente-account-",
      "https://therecord.media/kaiser-permanente-potential-third-party-data-exposure"
    ],
    "provenance": {
      "hosts": "Both registrable domains are KP's own; the sign-in host healthy.kaiserpermanente.org (and epiclink-ga.kp.org, whose purpose is unclear) fall under these rules."
    }
  },
  {
    "id": "managemyhealth",
    "name": "Manage My Health",
    "operator": "Manage My Health Limited",
    "country": "NZ",
    "kind": "portal",
    "hosts": [
      {
        "host": "managemyhealth.co.nz",
        "match": "exact",
        "evidence": "official"
      },
      {
        "host": "portal.managemyhealth.co.nz",
        "match": "exact",
        "evidence": "official"
      }
    ],
    "homeUrl": "https://portal.managemyhealth.co.nz/",
    "account": {
      "twoStep": {
        "status": "mandatory",
        "methods": [
          "email-code",
          "authenticator-app"
        ],
        "location": "Dashboard → Account Security Status",
        "helpUrl": "https://managemyhealth.co.nz/faqs/two-step-verification/",
        "evidence": "official"
      }
    },
    "platformSignals": [
      {
        "id": "mmh-app-path",
        "kind": "path",
        "pattern": "^/m/[A-Za-z]+/Index/[0-9A-F]{16,}$",
        "source": "https://portal.managemyhealth.co.nz/m/Appointment/Index/52006C00470065006B006600560072005400410055003D00",
        "evidence": "official"
      }
    ],
    "notes": [
      "Two-step verification has been mandatory since the 2025/26 breach and cannot be turned off.",
      "The emailed code has 6 digits and is valid for 20 minutes; Google or Microsoft Authenticator can be used instead.",
      "“Trust this device” skips two-step verification on that device for 90 days.",
      "During the 2025/26 incident, access from overseas was limited to NZ, Australia, the US and the UK (press report)."
    ],
    "sources": [
      "https://managemyhealth.co.nz/?p=1668",
      "https://managemyhealth.co.nz/?p=1721",
      "https://managemyhealth.co.nz/?p=1708",
      "https://managemyhealth.co.nz/faq/",
      "https://managemyhealth.co.nz/faqs/two-step-verification/",
      "https://portal.managemyhealth.co.nz/m/Appointment/Index/52006C00470065006B006600560072005400410055003D00",
      "https://particlenews.pages.dev/story/manage-my-health-breach-hits-northland-hard-as-doctors-decry-confusion"
    ],
    "provenance": {
      "hosts": "No cited page confirms app.managemyhealth.co.nz (an open item in docs/catalogue.md), so it is left out rather than guessed; the registrable domain is not claimed with `subdomains` for that reason.",
      "account": "No password-change page URL was found in any source, so there is no changePassword entry.",
      "platformSignals": "One kind only (no public copy of the page was found), so this never names a platform on its own; it is here for the next contributor to complete."
    }
  },
  {
    "id": "meditech-patient-portal",
    "name": "MEDITECH Patient Portal",
    "operator": "Each hospital, using MEDITECH software",
    "country": "US",
    "kind": "platform",
    "hosts": [],
    "platformSignals": [
      {
        "id": "meditech-phm-path",
        "kind": "path",
        "pattern": "/Phm-Phm(?:Page|Home)\\.HomePage\\.WR\\.mthr",
        "source": "https://www.github.com/fastenhealth/fasten-onprem/issues/442",
        "evidence": "secondary",
        "inferred": true,
        "note": "A hospital’s “Patient Portal Login Website” (Phm-PhmPage…); hospitals’ links also show Phm-PhmHome… (https://mycayugahealth.cayugamed.org/Phm-PhmHome.HomePage.WR.mthr?hcis=TOCGBL.LIVE&application=PHM). .mthr pages and the hcis parameter (MEDITECH’s “Health Care Information System”) are inferred to be MEDITECH’s."
      },
      {
        "id": "meditech-hcis-query",
        "kind": "path",
        "pattern": "[?&]hcis=[A-Z0-9]+\\.LIVE",
        "source": "https://www.github.com/fastenhealth/fasten-onprem/issues/442",
        "evidence": "secondary",
        "inferred": true
      }
    ],
    "notes": [
      "Over 500 hospitals used MEDITECH’s Patient and Consumer Health Portal in 2014, each on its own web address."
    ],
    "sources": [
      "http://home.meditech.com/en/d/newsroom/pages/0714patientportalpaneltales.htm",
      "https://www.github.com/fastenhealth/fasten-onprem/issues/442"
    ],
    "provenance": {
      "hosts": "MEDITECH's Patient and Consumer Health Portal runs on each hospital's own host; no source names a host of MEDITECH's own for it, so none is claimed.",
      "platformSignals": "Both signals are paths (one kind), so they never name the platform on their own; a second kind (the page's assets or field names) needs a public copy of a sign-in page."
    }
  },
  {
    "id": "mygov",
    "name": "myGov",
    "operator": "Services Australia",
    "country": "AU",
    "kind": "portal",
    "hosts": [
      {
        "host": "login.my.gov.au",
        "match": "exact",
        "evidence": "official",
        "comment": "The OpenID Connect issuer named in my.gov.au's page configuration."
      },
      {
        "host": "my.gov.au",
        "match": "exact",
        "evidence": "official"
      }
    ],
    "homeUrl": "https://my.gov.au/",
    "account": {
      "twoStep": {
        "status": "mandatory",
        "methods": [
          "sms-code",
          "authenticator-app",
          "security-questions",
          "passkey",
          "digital-id"
        ],
        "helpUrl": "https://my.gov.au/en/about/privacy-and-security/security/how-you-can-protect-your-mygov-account",
        "evidence": "official"
      }
    },
    "notes": [
      "A second sign-in option is required: an SMS code, the myGov Code Generator app, or (weakest) secret questions.",
      "Passkeys and Digital ID (myID, formerly myGovID) are offered; with either, the advice is to turn the password off.",
      "The account locks for 2 hours after 5 wrong passwords.",
      "myGov is the gateway to My Health Record, Medicare and other services."
    ],
    "sources": [
      "https://my.gov.au/en/about/privacy-and-security/security/how-you-can-protect-your-mygov-account",
      "https://my.gov.au/en/about/help/mygov-website/help-using-your-account/sign-in-to-mygov",
      "https://my.gov.au/en/about/help/mygov-website/sign-in-to-mygov/use-passkeys",
      "https://www.seminarsonly.com/news/my-gov-au-create-account-login-australia-signing-in-to-mygov/"
    ]
  },
  {
    "id": "mygp",
    "name": "myGP",
    "operator": "iPLATO Healthcare",
    "country": "UK",
    "kind": "portal",
    "hosts": [
      {
        "host": "mygp.com",
        "match": "subdomains",
        "evidence": "official"
      }
    ],
    "notes": [
      "Shows the medical record for practices on EMIS Web and SystmOne (NHS-assured)."
    ],
    "sources": [
      "https://www.mygp.com/faqs-mygp-ticket/"
    ]
  },
  {
    "id": "myhealth-alberta",
    "name": "MyHealth Records",
    "operator": "Alberta Health and Alberta Health Services",
    "country": "CA",
    "kind": "portal",
    "hosts": [
      {
        "host": "myhealth.alberta.ca",
        "match": "exact",
        "evidence": "official"
      }
    ],
    "homeUrl": "https://myhealth.alberta.ca/",
    "account": {
      "export": {
        "directions": "Share My Record, or Print Reports.",
        "evidence": "official"
      },
      "accessLog": true
    },
    "notes": [
      "The account is identity-verified; your record’s History shows activity on it.",
      "Shows Netcare data: medications, lab results and immunisations.",
      "Alberta’s Epic-based portal, MyAHS Connect, was renamed MyChart in September 2025 (press report); its host is not in the sources."
    ],
    "sources": [
      "https://myhealth.alberta.ca/help/kb/pages/content.aspx?cat=21c677a0-cc4c-4d69-91dc-afc8a6ff934a",
      "https://myhealth.alberta.ca/Help/kb/pages/content.aspx?cat=bb3a0090-c27c-4d3e-bad2-55eb79bc924a",
      "https://www.hotminutecalgary.com/alberta-health-apps-mychart-myhealth-ab-connect-care-alberta-digital-health-telus-health-alberta-alberta-wallet-mobile-health-card-medical-records-alberta/"
    ]
  },
  {
    "id": "myindici",
    "name": "myindici",
    "operator": "Valentia Technologies (NZ) Ltd",
    "country": "NZ",
    "kind": "portal",
    "hosts": [
      {
        "host": "indici.co.nz",
        "match": "subdomains",
        "evidence": "official",
        "comment": "The vendor's own domain (its FAQ is on www.indici.co.nz)."
      },
      {
        "host": "itsmyhealth.nz",
        "match": "exact",
        "evidence": "secondary",
        "comment": "Some practices brand the portal through this host; seen only on a practice page."
      },
      {
        "host": "www.myindici.co.nz",
        "match": "exact",
        "evidence": "official"
      }
    ],
    "account": {
      "changePassword": {
        "directions": "Sign-in screen → Reset Now: a temporary password is emailed, and you must change it when you next sign in.",
        "evidence": "secondary"
      }
    },
    "platformSignals": [
      {
        "id": "myindici-portal-host",
        "kind": "host",
        "pattern": "^patientportal\\.myindici\\.co\\.nz$",
        "source": "https://www.indici.co.nz/FAQs.html",
        "evidence": "unverified",
        "inferred": true,
        "note": "patientportal.myindici.co.nz is named as the portal in public write-ups of NZ portals; no cited page confirms it."
      }
    ],
    "notes": [
      "Access is restricted to New Zealand and Australia.",
      "Your practice registers you; the first, temporary password is emailed and must be changed at first sign-in.",
      "Whether sign-in has a second step is not stated in any source found."
    ],
    "sources": [
      "https://itsmyhealth.nz/MiscellaneousDocs/PortalTermsConditions.html",
      "https://www.indici.co.nz/FAQs.html",
      "https://www.ferryroadmc.co.nz/Services/Patient-Portal"
    ],
    "provenance": {
      "platformSignals": "One kind only, so this never names a platform on its own (see managemyhealth)."
    }
  },
  {
    "id": "nextgen-nextmd",
    "name": "NextMD",
    "operator": "Each practice, using NextGen Healthcare software",
    "country": "US",
    "kind": "platform",
    "hosts": [
      {
        "host": "nextmd.com",
        "match": "subdomains",
        "evidence": "official"
      }
    ],
    "homeUrl": "https://nextmd.com/",
    "account": {
      "changePassword": {
        "directions": "Sign-in page → Forgot username/password; your practice can also issue a reset token.",
        "evidence": "secondary"
      },
      "twoStep": {
        "status": "optional",
        "methods": [
          "authenticator-app"
        ],
        "evidence": "official"
      },
      "export": {
        "directions": "Request Personal Health Records, if your practice has turned that module on.",
        "evidence": "secondary"
      }
    },
    "platformSignals": [
      {
        "id": "nextmd-login-path",
        "kind": "path",
        "pattern": "^/ud2/Login/Login\\.aspx",
        "source": "https://www.nextmd.com/ud2/Login/Login.aspx",
        "evidence": "secondary"
      },
      {
        "id": "nextmd-script",
        "kind": "asset",
        "pattern": "/App_Scripts/NextMDScripts\\.js$",
        "source": "https://www.nextmd.com/ud2/Login/Login.aspx",
        "evidence": "secondary"
      },
      {
        "id": "nextmd-theme",
        "kind": "asset",
        "pattern": "/App_Themes/NextMDTheme/NextMDStyleSheet\\.css$",
        "source": "https://www.nextmd.com/ud2/Login/Login.aspx",
        "evidence": "secondary"
      },
      {
        "id": "nextmd-username-field",
        "kind": "form",
        "pattern": "^ctl00\\$ContentPlaceHolder1\\$Login2\\$txtUserName$",
        "source": "https://www.nextmd.com/ud2/Login/Login.aspx",
        "evidence": "secondary"
      },
      {
        "id": "nextmd-password-field",
        "kind": "form",
        "pattern": "^ctl00\\$ContentPlaceHolder1\\$Login2\\$txtPassword$",
        "source": "https://www.nextmd.com/ud2/Login/Login.aspx",
        "evidence": "secondary"
      }
    ],
    "lookalikes": [
      "nextmd.online"
    ],
    "notes": [
      "Two-step verification uses Google Authenticator and is optional.",
      "Five security questions are used for resets.",
      "Notification emails come from noreply@nextgen.com (third-party page)."
    ],
    "sources": [
      "https://nextmd.com/OnlineHelp/Content/153662.htm",
      "https://www.corephysicians.org/Patient-Portal-(NextMD)/Upgrade-on-November-17th",
      "https://smscpatientportal.blogspot.com/2013/",
      "https://nextmd.online/"
    ],
    "provenance": {
      "platformSignals": "Seen on the sign-in page itself (a saved copy of it in a public repository, April 2024)."
    }
  },
  {
    "id": "nhs-app",
    "name": "NHS App and NHS login",
    "operator": "NHS England",
    "country": "UK",
    "kind": "portal",
    "hosts": [
      {
        "host": "access.login.nhs.uk",
        "match": "exact",
        "evidence": "unverified"
      },
      {
        "host": "auth.login.nhs.uk",
        "match": "exact",
        "evidence": "unverified"
      },
      {
        "host": "help.login.nhs.uk",
        "match": "exact",
        "evidence": "official"
      },
      {
        "host": "www.nhsapp.service.nhs.uk",
        "match": "exact",
        "evidence": "unverified"
      }
    ],
    "account": {
      "changePassword": {
        "directions": "NHS App: More → Account and settings → Manage NHS account → Your NHS login details → Change password. On the web: Login and security settings.",
        "evidence": "official"
      },
      "twoStep": {
        "status": "mandatory",
        "methods": [
          "phone-code"
        ],
        "location": "More → Account and settings → Manage NHS account → Your NHS login details",
        "helpUrl": "https://www.nhs.uk/nhs-app/nhs-app-help-and-support/nhs-app-account-and-settings/security-and-privacy/",
        "evidence": "official"
      }
    },
    "notes": [
      "NHS login sends a 6-digit security code to your registered phone when you sign in.",
      "Your email address and phone number are changed in the same place as the password.",
      "No self-service download of the GP record was found; practices provide printed or digital copies, or answer a subject access request.",
      "The NHS account on the web is on www.nhs.uk, which is not recognised as a portal because that host is the whole NHS website."
    ],
    "sources": [
      "https://www.nhs.uk/nhs-app/nhs-app-help-and-support/nhs-app-account-and-settings/managing-your-nhs-app-account/",
      "http://help.login.nhs.uk/manage/emailaddresses",
      "https://www.nhs.uk/nhs-app/nhs-app-help-and-support/nhs-app-account-and-settings/security-and-privacy/",
      "https://support.patientpack.co.uk/hc/en-us/articles/4402720296465-How-to-Change-Reset-your-password-for-NHS-login",
      "https://haverfieldsurgery.co.uk/services/accessing-your-health-record",
      "https://www.healthwatchsunderland.com/news/2023-10-25/online-access-gp-health-records"
    ],
    "provenance": {
      "hosts": "www.nhs.uk is deliberately absent. The NHS account does live there on the web, but so does the whole NHS website (health A–Z, services), and a host rule cannot be limited to a path: claiming it would call every health-information page \"NHS App\". The web-app and sign-in hosts are confirmed by no cited page, so they are listed as unverified."
    }
  },
  {
    "id": "nz-my-health-record",
    "name": "My Health Record",
    "operator": "Health New Zealand – Te Whatu Ora",
    "country": "NZ",
    "kind": "portal",
    "hosts": [
      {
        "host": "my.health.nz",
        "match": "exact",
        "evidence": "official"
      }
    ],
    "notes": [
      "You sign in with My Health Account, which has identity levels: level 1 is an email address only, level 2 is verified against a document.",
      "Shows immunisations (back to 2005), COVID-19 results, NHI details and entitlements; children under 12 can be linked.",
      "It complements GP portals such as myindici and Manage My Health; it does not replace them."
    ],
    "sources": [
      "https://www.tewhatuora.govt.nz/our-health-system/digital-health/my-health-record/",
      "https://info.health.nz/websites-and-apps/my-health-record",
      "https://www.health.govt.nz/our-work/digital-health/other-digital-health-initiatives/my-health-account/my-health-account-privacy-notice"
    ],
    "provenance": {
      "hosts": "My Health Account, the sign-in service, has no host that a cited page confirms."
    }
  },
  {
    "id": "oracle-health",
    "name": "Oracle Health Patient Portal",
    "operator": "Each health system, using Oracle Health (Cerner) software",
    "country": "US",
    "kind": "platform",
    "hosts": [],
    "tenantSuffixes": [
      {
        "suffix": "iqhealth.com",
        "evidence": "official"
      }
    ],
    "account": {
      "changePassword": {
        "directions": "Profile (Switch User) menu → Settings → Reset Password",
        "evidence": "official"
      },
      "twoStep": {
        "status": "optional",
        "methods": [],
        "location": "Offered during enrolment, when the organisation has turned it on",
        "evidence": "official"
      },
      "export": {
        "directions": "Download and share your entire health record, or single encounters.",
        "evidence": "official"
      },
      "accessLog": true
    },
    "platformSignals": [
      {
        "id": "healthelife-host",
        "kind": "host",
        "pattern": "\\.iqhealth\\.com$",
        "source": "https://bhorgbackup.scorpiontechnology.com/For-Patients/Patient-Portal/FAQs/Physician-Office-FAQs.aspx",
        "evidence": "secondary"
      },
      {
        "id": "healthelife-self-enroll-path",
        "kind": "path",
        "pattern": "^/self-enroll(?:/|$)",
        "source": "https://coxhealthexpress.iqhealth.com/self-enroll/",
        "evidence": "secondary",
        "note": "The sign-up link a health system’s own site gives for its HealtheLife portal."
      }
    ],
    "notes": [
      "Legacy portals are called HealtheLife and live on <organisation>.iqhealth.com.",
      "Since October 2024 sign-in adds a CAPTCHA and one-time passcodes where the system judges it appropriate.",
      "Access logs show who has viewed your record."
    ],
    "sources": [
      "https://docs.oracle.com/en/industries/health/health-patient-portal/hppug/overview-oracle-health-patient-portal-coud-service.html",
      "https://docs.oracle.com/en/industries/health/health-patient-portal/hppug/create-account-enroll-patient-portal.html",
      "https://docs.oracle.com/en/industries/health/health-patient-portal/pp-release-notes/patient-portal-site.html",
      "https://docs.oracle.com/en/industries/health/health-patient-portal/pp-release-notes/oracle-health-patient-portal-cloud-service-foundation-infrastructure-2024-10-23.html",
      "https://bhorgbackup.scorpiontechnology.com/For-Patients/Patient-Portal/FAQs/Physician-Office-FAQs.aspx"
    ],
    "provenance": {
      "hosts": "Hosts of the new Patient Portal cloud service are confirmed by no cited page; only the legacy HealtheLife tenants (<tenant>.iqhealth.com) are known."
    }
  },
  {
    "id": "patient-access",
    "name": "Patient Access",
    "operator": "EMIS (Optum)",
    "country": "UK",
    "kind": "portal",
    "hosts": [
      {
        "host": "patient.emisaccess.co.uk",
        "match": "exact",
        "evidence": "official"
      },
      {
        "host": "patientaccess.com",
        "match": "exact",
        "evidence": "secondary"
      },
      {
        "host": "support.patient-access.co.uk",
        "match": "exact",
        "evidence": "official"
      },
      {
        "host": "support.patientaccess.com",
        "match": "exact",
        "evidence": "official"
      }
    ],
    "account": {
      "twoStep": {
        "status": "mandatory",
        "methods": [
          "authenticator-app"
        ],
        "evidence": "official"
      }
    },
    "notes": [
      "An authenticator-app code (6 digits) is required when you sign in with a Patient Access account; signing in with NHS login uses NHS login’s check instead.",
      "Forgotten user ID or password: patient.emisaccess.co.uk/Forgotten/UserId.",
      "A “memorable word” step was added in November 2020 (practice news)."
    ],
    "sources": [
      "https://support.patientaccess.com/rss?term=10",
      "https://support.patient-access.co.uk/registration/how-do-i-register",
      "https://support.patient-access.co.uk/signing-in/i-ve-forgotten-my-user-id",
      "https://www.moatfield.co.uk/news/update-to-patient-access-security"
    ]
  },
  {
    "id": "systmonline",
    "name": "SystmOnline",
    "operator": "TPP",
    "country": "UK",
    "kind": "portal",
    "hosts": [
      {
        "host": "systmonline.tpp-uk.com",
        "match": "exact",
        "evidence": "official"
      }
    ],
    "homeUrl": "https://systmonline.tpp-uk.com/",
    "platformSignals": [
      {
        "id": "systmonline-path",
        "kind": "path",
        "pattern": "^/2/(?:help/)?",
        "source": "https://systmonline.tpp-uk.com/2/help/help.html",
        "evidence": "official"
      }
    ],
    "notes": [
      "Works only from the UK; it is blocked abroad.",
      "Your practice gives you a username and password, and you must change the password at first sign-in."
    ],
    "sources": [
      "https://systmonline.tpp-uk.com/2/help/help.html",
      "https://thelodgesurgery.co.uk/systmonline---online-services"
    ],
    "provenance": {
      "platformSignals": "One kind only, so this never names a platform on its own (see managemyhealth)."
    }
  },
  {
    "id": "va-my-healthevet",
    "name": "My HealtheVet",
    "operator": "US Department of Veterans Affairs",
    "country": "US",
    "kind": "portal",
    "hosts": [
      {
        "host": "myhealth.va.gov",
        "match": "subdomains",
        "evidence": "official"
      }
    ],
    "homeUrl": "https://www.myhealth.va.gov/",
    "account": {
      "twoStep": {
        "status": "optional",
        "methods": [],
        "evidence": "official"
      },
      "export": {
        "directions": "Blue Button report, and the VA Health Summary (VA CCD) as PDF or XML, with an XSL stylesheet offered.",
        "formats": [
          "ccda",
          "pdf",
          "text"
        ],
        "evidence": "official"
      }
    },
    "notes": [
      "VA.gov sign-in uses identity partners such as ID.me, with optional two-factor authentication."
    ],
    "sources": [
      "https://www.myhealth.va.gov/mhv-portal-web/va-health-summary-faq",
      "https://www.myhealth.va.gov/mhv-portal-web/authentication",
      "https://www.va.gov/resources/privacy-and-security-on-vagov/",
      "http://www.whitehouse.gov/blog/2010/10/07/blue-button-provides-access-downloadable-personal-health-data",
      "http://e-patients.net/archives/2013/01/1-million-va-patients-can-now-access-their-complete-health-record.html/comment-page-1"
    ],
    "provenance": {
      "hosts": "Pages are served from www.myhealth.va.gov, so the rule covers the subdomains; all of va.gov is VA's. va.gov itself is not claimed: it is the whole VA website, not the portal."
    }
  }
] as const satisfies readonly Portal[];
