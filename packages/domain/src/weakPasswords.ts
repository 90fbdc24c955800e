/**
 * Weak-password data for the password policy. Everything is lower case; the
 * policy lower-cases the candidate before comparing.
 *
 * WEAK_PASSWORDS: whole passwords seen at the top of public leak statistics
 * (including the Chinese CSDN/Tianya/12306 leaks) and the "complex-looking"
 * defaults common in Chinese government and enterprise systems.
 *
 * WEAK_BASE_WORDS: words that are weak whatever digits or symbols follow them
 * ('Kunming2024!', 'Zhangwei@123'): English top words, pinyin of the most
 * common Chinese names and words, place names of the two deployments, product
 * and system names, keyboard walks.
 */

const words = (text: string): string[] => text.trim().split(/\s+/);

export const WEAK_PASSWORDS: ReadonlySet<string> = new Set(
  words(`
  123456 1234567 12345678 123456789 1234567890 12345678900 123456789012 1234567890123
  0123456789 01234567890 987654321 9876543210 0987654321 111111 1111111 11111111 111111111111
  000000 00000000 000000000000 222222 333333 444444 555555 666666 6666666 66666666 777777
  888888 8888888 88888888 999999 99999999 666888 888666 168168 518518 123123 123123123
  123123123123 123321 12344321 112233 11223344 112233445566 121212 123654 123654789 147258
  147258369 147852369 159357 159753 321654 456123 456789 654321 741852963 789456123 963852741
  5201314 1314520 520520 5211314 52013145201314 1314521 woaini1314 woaini520 iloveyou1314
  5201314woaini woaini5201314 wo123456 woaini123 woaini123456 aini1314 a5201314 qq5201314
  a123456 a1234567 a12345678 a123456789 a1234567890 aa123456 aa12345678 aa123456789
  aa123456789! abc123 abc1234 abc12345 abc123456 abc123456789 abcd1234 abcd12345678
  abcd@1234 abcd@123456 abc@123 abc@123456 abc#123456 a1b2c3 a1b2c3d4 a1b2c3d4e5f6
  aaa111 aaa123 aaa123456 aa112233 qq123456 qq123456789 q123456 q1234567890 z123456
  123456a 123456aa 123456abc 123456qq 123456789a 123456789abc 123qwe 123qweasd 123qweasdzxc
  123qwe!@# qwe123 qwe123!@# qwe123456 qwe!@#123 qweasd qweasd123 qweasdzxc qweasdzxc123
  qweqwe qwer1234 qwer!234 qwer@1234 qwerty qwerty123 qwerty123456 qwertyuiop qwertyuiop123
  qwertyuiop[] qwertyui asdf1234 asdfghjkl asdfghjkl123 asd123 asd123456 asdasd asdasd123
  zxc123 zxc123456 zxcvbnm zxcvbnm123 zxcvbn 1qaz2wsx 1qaz2wsx3edc 1qaz2wsx3edc4rfv 1qaz@wsx
  1qaz@wsx3edc 1qaz@wsx#edc 1qaz!qaz !qaz2wsx !qaz@wsx !qaz@wsx#edc 1q2w3e 1q2w3e4r
  1q2w3e4r5t 1q2w3e4r5t6y q1w2e3r4 q1w2e3r4t5 zaq12wsx zaq1xsw2 zaq!2wsx qazwsx qazwsxedc
  qazwsx123 qazwsxedc123 1234qwer 1234qwerasdf 12345qwert 123456qwerty abcabc abcabc123
  password password1 password12 password123 password1234 password@123 passw0rd passw0rd!
  p@ssw0rd p@ssw0rd123 p@ssword p@ssword123 p@$$w0rd pass1234 pass@1234 pass@word1
  admin admin123 admin1234 admin12345 admin123456 admin@123 admin@1234 admin@123456
  admin#123 admin!@# admin888 administrator root123 root@123 root@123456 test123 test@123
  test123456 guest123 system123 sysadmin123 manager123 user123 changeme changeme123
  welcome welcome1 welcome123 letmein iloveyou iloveyou123 monkey123 dragon123 trustno1
  huawei@123 huawei12#$ huawei123 h3c@123 cisco123 oracle123 mysql123 postgres123 redhat123
  tencent123 baidu123 alibaba123 taobao123 weixin123 wechat123 zhongguo123 china123
  china@123 beijing123 kunming123 xinjiang123 renshe12333 12333 12348 12345678910 qwer@12345
  aa123456789aa abcdefg abcdefg123 abcdefgh abcdefghijk 1a2b3c4d aabbcc aabbcc123
  `),
);

export const WEAK_BASE_WORDS: ReadonlySet<string> = new Set(
  words(`
  password passwd passw pass pwd admin administrator adm root test tester guest user
  system sysadmin sys manager master super superuser default changeme welcome letmein login
  secret hello iloveyou love lovely loveyou monkey dragon shadow sunshine princess football
  baseball soccer superman batman michael jordan charlie killer freedom whatever qwerty
  qwert qwer qwe asdf asd zxcv zxc abc abcd abcde abcdef qaz qazwsx qazwsxedc zaq wsx
  qweasd qweasdzxc asdfgh asdfghjkl zxcvbn zxcvbnm qwertyuiop poiuytrewq lkjhgfdsa mnbvcxz
  a aa aaa aaaa ab abab abcabc q qq qqq www wwww x xx xxx z zz zzz
  woaini aini woaiwojia woaiziji wodemima mima mimama nihao nihaoma haha hehe
  xiaobao baobao baobei laogong laopo qinai tiantian kuaile xingfu pingan
  zhongguo china chinese beijing shanghai guangzhou shenzhen kunming yunnan xinjiang
  aletai altay wulumuqi urumqi chengdu chongqing
  zhangwei wangwei wangfang liwei lina zhangmin lijing wangjing liuwei wangxiuying
  zhangli lixiuying wangli zhangjing zhangxiuying liqiang wangmin limin wanglei liuyang
  wangyan wangyong lijun zhangyong lijie zhangjie zhanglei wangqiang lijuan wangjun
  zhangyan zhangtao wangtao liyan wangchao liming liyong wangjuan liujie liumin lixia
  lili zhangjun wangjie zhangqiang wanggang wangping liufang liuyan liujun
  liping wanghui chenjing liuyong liling liguiying wangdan ligang lidan
  wangpeng liutao chenwei zhanghua liujing litao wangguiying zhangxiulan
  lihong lichao liuli zhangguiying wangyulan zhangpeng lixiulan zhangchao
  wanghong zhangyang wangjianhua lining zhangsan lisi wangwu zhaoliu
  zhang wang li liu chen yang zhao huang zhou wu xu sun hu zhu gao lin he guo ma
  huawei xiaomi tencent baidu alibaba taobao jingdong weixin wechat qq163 sina sohu
  oracle mysql postgres redhat cisco
  renshe rensheju renli shebao laodong gongzi nongmingong mwsp zhengwu gov zhengfu
  gongzuo bangong
  `),
);

/** Keyboard rows and digit/letter sequences; a run of 4+ along one of them is a keyboard walk. */
export const KEYBOARD_SEQUENCES: readonly string[] = [
  '1234567890',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  'abcdefghijklmnopqrstuvwxyz',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  'qazwsxedcrfvtgbyhnujmikolp',
];
