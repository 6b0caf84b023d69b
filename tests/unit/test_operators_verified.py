"""Each place lists exactly the operators we verified exist (network-code lists, regulators,
operators' own pages). Adding or removing an operator must be a deliberate edit here too, with its
proof: a later edit cannot slip in an operator that does not exist (domain.md, "Traps")."""

import pytest

VERIFIED = {
    "": {
        "airalo",  # esim_seller; https://www.airalo.com/legal/terms-of-use?srsltid=AfmBOooad_mhdlOob0wUjjQLfMxE_RWNsB1-yom9
        "alosim",  # esim_seller; https://support.alosim.com/hc/en-us/articles/1500008666301-How-do-I-top-up-my-current-pack
        "gigsky",  # esim_seller; https://support.gigsky.com/hc/en-us/articles/360011685633-How-do-I-know-when-my-data-plan-
        "holafly",  # esim_seller; https://esim.holafly.com/refund-policy
        "nomad",  # esim_seller; https://www.getnomad.app/help-center/en/articles/9886352-nomad-esim-s-refund-policy
        "saily",  # esim_seller; https://saily.com/es/legal/privacy-policy/
        "ubigi",  # esim_seller; https://www.ubigi.com/ja/conditions/
        "yesim",  # esim_seller; https://yesimsupport.zendesk.com/hc/en-us/articles/360006060038-When-does-my-Yesim-data-pl
    },
    "AE": {
        "ae-du",  # mno; https://du.breezesim.com/ar/pages/code-of-practice
        "ae-etisalat",  # mno; https://www.etisalat.ae/en/consumer/support/support_faq_billing_prepaid.html
    },
    "AU": {
        "au-amaysim",  # mvno; https://www.amaysim.com.au/help/mobile/plans-and-network/about-unlimited-plans
        "au-boost",  # mvno; https://www.zdnet.com/article/boost-forced-to-switch-to-telstra-as-optus-ditches-licensed-
        "au-optus",  # mno; https://www.optus.com.au/shop/support/answer?requestType=NormalRequest&id=2868
        "au-telstra",  # mno; https://www.telstra.com.au/support/category/mobiles-tablets/pre-paid/why-choose-pre-paid-m
        "au-tpg",  # mno; https://www.vodafone.com.au/support/prepaid/data-charges
    },
    "CA": {
        "ca-bell",  # mno; http://www.bell.ca/CRTC-Wireless-Code
        "ca-rogers",  # mno; https://rogers.com/support/terms/mobile-plans-data-policy
        "ca-sasktel",  # mno; https://crtc.gc.ca/eng/phone/mobile/occa.htm
        "ca-telus",  # mno; https://store.publicmobile.ca/pages/terms-of-service
        "ca-videotron",  # mno; https://cartt.ca/videotron-says-it-has-fulfilled-all-freedom-commitments-to-government
    },
    "CH": {
        "ch-salt",  # mno; https://www.salt.ch/en/faq/pay-and-recharge/
        "ch-sunrise",  # mno; https://www.sunrise.ch/de/privatkunden/prepaid.html
        "ch-swisscom",  # mno; https://www.swisscom.ch/en/residential/help/mobile/prepaid-guthaben.html
    },
    "DE": {
        "de-1und1",  # mno; https://www.teltarif.de/1und1-netz-hintergrund/news/92141.html
        "de-telefonica",  # mno; https://www.connect.de/ratgeber/1und1-netz-start-infos-3204633.html
        "de-telekom",  # mno; https://www.connect.de/ratgeber/1und1-netz-start-infos-3204633.html
        "de-vodafone",  # mno; https://www.vodafone.de/freikarten/callya-start/
    },
    "ES": {
        "es-digi",  # mvno; https://satcesc.com/2024/02/20/orange-masmovil-fusionan-condiciones
        "es-masorange",  # mno; https://cincodias.elpais.com/companias/2026-02-18/masorange-dice-adios-a-la-red-de-movista
        "es-movistar",  # mno; https://comunidad.movistar.es:443/t5/Gestiones-y-Factura/Cu%C3%A1l-es-la-vigencia-del-sald
        "es-vodafone",  # mno; https://ayudacliente.vodafone.es/particulares/prepago/saldo-y-recargas/que-es-el-saldo-de-
    },
    "FJ": {
        "fj-digicel",  # mno; https://www.digicelgroup.com/fj/en/legal/terms-of-use/digicel-prime-bundles-terms-and-cond
        "fj-inkk",  # mvno; https://www.vodafone.com.fj/BusinessMaster/Price-Plan/Bundle-Plans/You-Choose-Vodabiz-Plan
        "fj-vodafone",  # mno; https://vodafone.com.fj/personal/products-services/more-products-services/additional-infor
    },
    "FR": {
        "fr-bouygues",  # mno; https://fr.wikipedia.org/wiki/Liste_des_op%C3%A9rateurs_de_r%C3%A9seau_mobile_en_France
        "fr-free",  # mno; https://fr.wikipedia.org/wiki/Liste_des_op%C3%A9rateurs_de_r%C3%A9seau_mobile_en_France
        "fr-orange",  # mno; https://fr.wikipedia.org/wiki/Liste_des_op%C3%A9rateurs_de_r%C3%A9seau_mobile_en_France
        "fr-sfr",  # mno; https://fr.wikipedia.org/wiki/Liste_des_op%C3%A9rateurs_de_r%C3%A9seau_mobile_en_France
    },
    "GB": {
        "gb-ee",  # mno; https://business.ee.co.uk/help/products-and-services/pay-as-you-use/
        "gb-giffgaff",  # mvno; https://help.giffgaff.com/en/articles/240748-guide-to-plans%7Bignore%7D?gclsrc=aw.ds&ggCam
        "gb-o2",  # mno; https://www.o2.co.uk/termsandconditions/mobile/international-big-bundles
        "gb-vodafonethree",  # mno; https://www.nationalworld.com/business/vodafone-and-three-complete-ps165b-merger-to-form-v
    },
    "HK": {
        "hk-3hk",  # mno; http://www.three.com.hk/website/appmanager/three/home?_nfpb=true&_pageLabel=P2004703912195
        "hk-cmhk",  # mno; https://1cm.hk.chinamobile.com/bill/prepaid-refill.html?lang=en
        "hk-csl",  # mno; https://www.hkcsl.com/en/netflix/
        "hk-smartone",  # mno; https://www.smartone.com/en/home/mobile-service-plans/5G-listing/detail?group=5g_travel&pl
    },
    "ID": {
        "id-indosat",  # mno; https://indosatooredoo.com/en/personal/producttariff/im3/syarat-ketentuan
        "id-telkomsel",  # mno; https://telkomsel.com/support/masaaktif
        "id-xlsmart",  # mno; https://thesun.my/business-news/shareholders-approve-merger-of-xl-axiata-smartfren-and-sma
    },
    "IT": {
        "it-iliad",  # mno; https://telecomtv.com/content/access-evolution/italy-has-a-new-mobile-leader-fastweb-vodaf
        "it-tim",  # mno; https://telecomtv.com/content/access-evolution/italy-has-a-new-mobile-leader-fastweb-vodaf
        "it-vodafone",  # mno; https://telecomtv.com/content/access-evolution/italy-has-a-new-mobile-leader-fastweb-vodaf
        "it-windtre",  # mno; https://telecomtv.com/content/access-evolution/italy-has-a-new-mobile-leader-fastweb-vodaf
    },
    "JP": {
        "jp-docomo",  # mno; https://wikimili.com/wiki/Mobile_phone_industry_in_Japan
        "jp-iij",  # mvno; https://www.iijmio.jp/hdd/care/index.html
        "jp-jci",  # mvno; https://www.bmobile.ne.jp/english/note_un_m.html
        "jp-kddi",  # mno; https://wikimili.com/wiki/Mobile_phone_industry_in_Japan
        "jp-rakuten",  # mno; https://network.mobile.rakuten.co.jp/en/campaign/mnp
        "jp-softbank",  # mno; https://wikimili.com/wiki/Mobile_phone_industry_in_Japan
    },
    "KR": {
        "kr-annex",  # mvno; https://www.annextele.com/csmenu/NoticeUpdateTermsArticle.asp?page=1&seq=185
        "kr-ins-mobile",  # mvno; https://www.insmobile.co.kr/rateplan_view.do?agentCode=P580462&no=818
        "kr-kt",  # mno; https://shop.kt.com/content/openshop/price/lte/lte_01_04.html
        "kr-lguplus",  # mno; https://github.com/musalbas/mcc-mnc-table/blob/master/mcc-mnc-table.csv
        "kr-skt",  # mno; https://github.com/musalbas/mcc-mnc-table/blob/master/mcc-mnc-table.csv
    },
    "MO": {
        "mo-3",  # mno; https://three.com.mo/plan/vas?lang=en_US
        "mo-ctm",  # mno; https://telecommunications.ctt.gov.mo/en/News/Details/4032
        "mo-ctmacau",  # mno; https://telecommunications.ctt.gov.mo/en/News/Details/4032
    },
    "MY": {
        "my-celcomdigi",  # mno; https://help.celcomdigi.com/support/solutions/articles/70000657857-roaming-passes-effectiv
        "my-maxis",  # mno; http://hotlink.com.my/en/terms-conditions/products/prepaid/super-idd-plan
        "my-tm",  # mno; https://unifi.com.my/personal/home/wireless-broadband
        "my-umobile",  # mno; https://www.u.com.my/en/personal/support/terms-conditions/prepaid/ultra-prepaid-data-plans
        "my-yes",  # mno; https://yes.my/ms/docs/tnc-ms/ongoing-campaigns-campaigns-terms-and-conditions/yes-5g-wire
    },
    "NC": {
        "nc-opt",  # mno; https://gouv.nc/node/7762
    },
    "NZ": {
        "nz-2degrees",  # mno; https://www.2degrees.nz/help/account-and-billing/billing-and-payment/prepay-balance-and-pa
        "nz-onenz",  # mno; https://tvnz-1-news-prod.cdn.arcpublishing.com/2023/03/23/vodafone-refits-stores-to-one-nz
        "nz-spark",  # mno; https://www.spark.co.nz/myspark/mymobile/
    },
    "PF": {
        "pf-onati",  # mno; https://vini.pf/assistance/gestion-client/espace-client-vini-moi/recharger-votre-offre-pre
        "pf-pmt",  # mno; https://lawinsider.com/fr/contracts/38JV7wXB54D
        "pf-viti",  # mno; https://www.ora.pf/conditions-generales-de-vente
    },
    "PH": {
        "ph-dito",  # mno; https://www.dito.ph/terms-and-conditions.html
        "ph-globe",  # mno; https://www.globe.com.ph/prepaid/gorenew-terms
        "ph-smart",  # mno; https://mb.com.ph/article/168554/
    },
    "SG": {
        "sg-circles",  # mvno; https://www.circles.life/sg/terms-conditions/general/
        "sg-m1",  # mno; https://www.m1.com.sg/support/critical-information-summary
        "sg-myrepublic",  # mvno; https://support.myrepublic.com.sg/hc/en-us/articles/360003517953-Mobile-Service-One-Time-C
        "sg-simba",  # mno; https://e.vnexpress.net/news/business/companies/who-is-buying-singapore-s-3rd-largest-tele
        "sg-singtel",  # mno; https://www.singtel.com/personal/i/tnc/in-flight-unlimited-data-plan
        "sg-starhub",  # mno; http://www.starhub.com/about-us/legal-notices-and-terms/terms-and-conditions/consumer/mobi
    },
    "TH": {
        "th-ais",  # mno; http://www.ais.co.th/one-2-call/simcardregistration/en/
        "th-nt",  # mno; https://www.mybynt.com/en/PrePay.php?package=502_%E0%B9%81%E0%B8%9E%E0%B9%87%E0%B8%81%E0%B
        "th-true",  # mno; https://www.scribd.com/document/712359532/010320231753430894-e
    },
    "TW": {
        "tw-cht",  # mno; https://www.cht.com.tw/home/consumer/mobservice/prepaid/prepaidpromo/prepaidcard
        "tw-fet",  # mno; https://www.ncc.gov.tw/English/news_detail.aspx?site_content_sn=360&is_history=0&pages=0&s
        "tw-ibon-mobile",  # mvno; https://www.fetnet.net/postpaid/rateplan/all-plan/4GLight.html
        "tw-twm",  # mno; https://www.ncc.gov.tw/English/news_detail.aspx?site_content_sn=360&is_history=0&pages=0&s
    },
    "US": {
        "us-att",  # mno; https://www.att.com/support/article/wireless/000102140/about:blank
        "us-mint",  # mvno; https://www.mintmobile.com/faq/how-do-i-switch-my-plan/
        "us-tmobile",  # mno; https://www.t-mobile.com/support/plans-features/t-mobile-one-for-prepaid
        "us-verizon",  # mno; https://www.verizon.com/support/prepaid-billing-payment-faqs
    },
    "VN": {
        "vn-mobifone",  # mno; https://mobifone.vn/wps/portal/public/dich-vu/quoc-te/quoc-te-chi-tiet/thue-bao-mobifone-r
        "vn-vietnamobile",  # mno; https://www.vietnamobile.com.vn/product/du-lieu/goi-cuoc-du-lieu-tra-truoc/
        "vn-viettel",  # mno; https://github.com/musalbas/mcc-mnc-table/blob/0004a2f924b5deed49a84207838726fdc40b252a/mc
        "vn-vnpt",  # mno; https://vnpt.com.vn/ho-tro/cvqt-data-rx
    },
    "VU": {
        "vu-digicel",  # mno; https://www.trbr.vu/public-register/publications/latest-news/911-uap-4th-undertaking-agree
        "vu-tvl",  # mno; https://www.trbr.vu/public-register/publications/latest-news/911-uap-4th-undertaking-agree
        "vu-wantok",  # mno; https://www.trbr.vu/en/telecom-industry/universal-access/coverage/vodafone-digicel-and-wan
    },
}


@pytest.mark.parametrize("place", sorted(VERIFIED))
def test_operators_are_exactly_the_verified_ones(bundled, place):
    listed = bundled.operators[bundled.operators["country"].fillna("") == place]
    assert set(listed["operator_id"]) == VERIFIED[place]


def test_no_place_without_its_verified_list(bundled):
    assert set(bundled.operators["country"].fillna("")) == set(VERIFIED)


def test_no_mainland_france_operator_in_new_caledonia(bundled):
    # The trap SEO articles fall into: Orange, SFR, Free, Bouygues do not operate in NC.
    names = " ".join(bundled.operators.query("country == 'NC'")["name"]).lower()
    assert not any(brand in names for brand in ("orange", "sfr", "free", "bouygues"))
