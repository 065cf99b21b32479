import type { CasePerson } from '../../src/domain/redaction/case-identity';

/**
 * Thirty-two fictional families for the redaction corpus. Every person, address and number here is
 * made up: mobile numbers are random but libphonenumber-valid, landlines are in Ofcom's drama and
 * example ranges, NHS numbers pass the modulus 11 check, NI numbers use issued prefixes.
 */
export interface CorpusPerson extends CasePerson {
  /** How the minutes refer to them besides their names: "mother", "maternal grandmother". */
  relation: string;
}

export interface CorpusAddress {
  flat?: string;
  street: string;
  district?: string;
  town: string;
  postcode: string;
}

export interface CorpusFamily {
  parent: CorpusPerson;
  otherAdult: CorpusPerson;
  child: CorpusPerson;
  sibling?: CorpusPerson;
  home: CorpusAddress;
  /** A second address the case holds (a relative's, or a previous home), for the contingency plan. */
  otherHome: CorpusAddress;
  mobile: string;
  otherMobile: string;
  email: string;
  nhsNumber: string;
  siblingNhsNumber: string;
  niNumber: string;
}

const person = (firstName: string, lastName: string, relation: string, extra: Partial<CorpusPerson> = {}): CorpusPerson => ({
  firstName,
  lastName,
  relation,
  role: extra.role ?? (relation.includes('child') || relation === 'son' || relation === 'daughter' ? 'CHILD' : relation === 'mother' || relation === 'father' ? 'PARENT' : 'FAMILY_MEMBER'),
  ...extra,
});
const child = (firstName: string, lastName: string, dateOfBirth: string, relation: 'son' | 'daughter', knownAs?: string[]): CorpusPerson =>
  person(firstName, lastName, relation, { dateOfBirth, knownAs, role: 'CHILD' });
const at = (street: string, town: string, postcode: string, extra: Partial<CorpusAddress> = {}): CorpusAddress => ({ street, town, postcode, ...extra });

export const CORPUS_FAMILIES: CorpusFamily[] = [
  { parent: person('Kerry', 'Stone', 'mother', { knownAs: ['Kez'] }), otherAdult: person('Darren', 'Walsh', 'father'), child: child('Amy', 'Stone', '2018-04-02', 'daughter', ['Ames']), sibling: child('Ben', 'Stone', '2015-11-21', 'son'),
    home: at('12 Acacia Road', 'London', 'W6 0AB'), otherHome: at('7 Larch Close', 'London', 'W12 9PL'), mobile: '07922 224922', otherMobile: '07579 069579', email: 'kez.stone88@example.com', nhsNumber: '4293612963', siblingNhsNumber: '4587102474', niNumber: 'JT 48 21 65 B' },
  { parent: person('Siobhan', "O'Neill", 'mother', { knownAs: ['Shiv'] }), otherAdult: person('Tomasz', 'Nowak', 'father', { knownAs: ['Tom'] }), child: child('Liam', "O'Neill-Hart", '2016-09-14', 'son'),
    home: at('33 Holloway Lane', 'London', 'N7 6QB', { flat: 'Flat 4, Beacon Court' }), otherHome: at('19 Whitby Street', 'Liverpool', 'L8 2XA'), mobile: '07973923173', otherMobile: '+44 7895 834095', email: 'shiv_oneill@example.org', nhsNumber: '5408013073', siblingNhsNumber: '5174081493', niNumber: 'PE731902A' },
  { parent: person('Mary-Jane', 'Okafor', 'mother', { knownAs: ['MJ'] }), otherAdult: person('Emeka', 'Okafor', 'father'), child: child('Chidi', 'Okafor', '2019-01-30', 'son'), sibling: child('Ada', 'Okafor', '2021-06-05', 'daughter'),
    home: at('58 Wendell Gardens', 'London', 'SE15 4RT'), otherHome: at('2 Ferris Road', 'Croydon', 'CR0 2LB'), mobile: '07852 295452', otherMobile: '07894 932894', email: 'mj.okafor@example.net', nhsNumber: '5467571001', siblingNhsNumber: '5761060515', niNumber: 'NP 04 83 27 C' },
  { parent: person('Leanne', 'Price', 'mother'), otherAdult: person('Will', 'Smith-Jones', 'father'), child: child('Hope', 'Smith-Jones', '2017-12-03', 'daughter'),
    home: at('9 Cherry Tree Walk', 'Swindon', 'SN2 7HD'), otherHome: at('41 Ashby Drive', 'Swindon', 'SN5 8QE'), mobile: '07623 508023', otherMobile: '07860 219660', email: 'leanne.price@example.co.uk', nhsNumber: '4054550029', siblingNhsNumber: '4348039534', niNumber: 'KR593018D' },
  { parent: person('Aisha', 'Begum', 'mother'), otherAdult: person('Imran', 'Ahmed', 'father'), child: child('Rayan', 'Ahmed', '2014-03-17', 'son'), sibling: child('Inaya', 'Ahmed', '2020-10-08', 'daughter'),
    home: at('101 Romford Road', 'London', 'E7 9HZ', { district: 'Forest Gate' }), otherHome: at('6 Ilford Lane', 'Ilford', 'IG1 2JU'), mobile: '07441767641', otherMobile: '07411 435011', email: 'aisha.begum@example.com', nhsNumber: '4641529043', siblingNhsNumber: '4935018550', niNumber: 'WL 22 71 93 A' },
  { parent: person('Agnieszka', 'Kowalczyk', 'mother', { knownAs: ['Aga'] }), otherAdult: person('Paweł', 'Kowalczyk', 'father'), child: child('Zoë', 'Kowalczyk', '2015-07-22', 'daughter'),
    home: at('27 Thornbury Crescent', 'Slough', 'SL1 3NW'), otherHome: at('88 Bath Road', 'Slough', 'SL1 6JA'), mobile: '07809 319009', otherMobile: '07832 145432', email: 'aga.kowalczyk@example.pl', nhsNumber: '5228508066', siblingNhsNumber: '5521997571', niNumber: 'HX 61 08 45 C' },
  { parent: person('Priya', "D'Souza", 'mother'), otherAdult: person('Marcus', 'Bell', 'partner'), child: child('Jayden', "D'Souza", '2013-02-11', 'son'),
    home: at('15 Kingfisher Way', 'Reading', 'RG2 0TD'), otherHome: at('3 Meadow Rise', 'Wokingham', 'RG41 2YF'), mobile: '07788 198788', otherMobile: '07456 251656', email: 'priya.dsouza@example.com', nhsNumber: '5815487082', siblingNhsNumber: '4108976592', niNumber: 'SN 37 92 14 B' },
  { parent: person('Chantelle', 'McAllister', 'mother'), otherAdult: person('Gary', 'McAllister', 'maternal grandfather'), child: child('Tyler', 'McAllister', '2012-05-09', 'son', ['Ty']),
    home: at('44 Brunswick Terrace', 'Glasgow', 'G31 2QN'), otherHome: at('12 Duke Street', 'Glasgow', 'G4 0UW'), mobile: '07923 667323', otherMobile: '07527 104727', email: 'chantellemca@example.com', nhsNumber: '4402466105', siblingNhsNumber: '5272599047', niNumber: 'AB 83 55 06 D' },
  { parent: person('Ewa', 'Wiśniewska', 'mother'), otherAdult: person('Marek', 'Wiśniewski', 'father'), child: child('Kacper', 'Wiśniewski', '2016-11-02', 'son'),
    home: at('5 Orchard Mews', 'Peterborough', 'PE1 4GH'), otherHome: at('70 Lincoln Road', 'Peterborough', 'PE1 2SN'), mobile: '07660 692860', otherMobile: '07896 737696', email: 'ewa.w@example.com', nhsNumber: '4989445120', siblingNhsNumber: '5282934639', niNumber: 'RE 19 46 72 A' },
  { parent: person('Tanya', 'Campbell', 'mother'), otherAdult: person('Andre', 'Reid', 'father'), child: child('Deshawn', 'Campbell-Reid', '2011-08-28', 'son', ['Shawn']),
    home: at('2 Stockwell Park Road', 'London', 'SW9 7RP', { flat: 'Flat 12, Marlow House' }), otherHome: at('22 Railton Road', 'London', 'SE24 0JN'), mobile: '07506 380306', otherMobile: '07457 188857', email: 'tanya.campbell@example.com', nhsNumber: '5702888111', siblingNhsNumber: '5869913659', niNumber: 'CT 70 25 91 B' },
  { parent: person('Rose', 'Hughes', 'mother'), otherAdult: person('Dean', 'Hughes', 'father'), child: child('Lily-Mae', 'Hughes', '2019-03-15', 'daughter'),
    home: at('8 Pentre Street', 'Cardiff', 'CF11 6QX'), otherHome: at('31 Clive Road', 'Cardiff', 'CF5 1HJ'), mobile: '07598 973398', otherMobile: '07507 287507', email: 'rosie.hughes@example.co.uk', nhsNumber: '4163403167', siblingNhsNumber: '4456892676', niNumber: 'GM 46 88 10 C' },
  { parent: person('Aoife', 'Doherty', 'mother'), otherAdult: person('Seán', 'Doherty', 'father'), child: child('Oisín', 'Doherty', '2017-01-19', 'son'), sibling: child('Niamh', 'Doherty', '2013-04-25', 'daughter'),
    home: at('17 Clonard Avenue', 'Luton', 'LU3 1EX'), otherHome: at('4 Hart Hill Lane', 'Luton', 'LU2 0JL'), mobile: '07602 306202', otherMobile: '07594 910994', email: 'aoife.doherty@example.ie', nhsNumber: '4750382183', siblingNhsNumber: '5043871695', niNumber: 'LH 05 39 67 D' },
  { parent: person('Fatima', 'Hassan', 'mother'), otherAdult: person('Omar', 'Ali', 'father'), child: child('Yusuf', 'Hassan-Ali', '2015-06-30', 'son'),
    home: at('62 Stapleton Road', 'Bristol', 'BS5 0QR', { district: 'Easton' }), otherHome: at('9 Mivart Street', 'Bristol', 'BS5 6JQ'), mobile: '07926 625726', otherMobile: '07754 138154', email: 'f.hassan@example.com', nhsNumber: '5337361201', siblingNhsNumber: '5630850717', niNumber: 'JT 12 90 44 A' },
  { parent: person('Jodie', 'Thompson', 'mother', { knownAs: ['Jo'] }), otherAdult: person('Ryan', 'Fletcher', 'partner'), child: child('Kai', 'Thompson', '2020-02-14', 'son'),
    home: at('23 Beech Grove', 'Leeds', 'LS6 2AB'), otherHome: at('140 Tong Road', 'Leeds', 'LS12 1LZ'), mobile: '07933 949933', otherMobile: '07484 424684', email: 'jodie.t@example.com', nhsNumber: '5924340228', siblingNhsNumber: '4217829736', niNumber: 'PE 55 21 09 C' },
  { parent: person('Bethan', 'Evans', 'mother'), otherAdult: person('Rhys', 'Evans', 'father'), child: child('Harper', 'Evans', '2018-10-12', 'daughter'),
    home: at('6 Heol y Coed', 'Swansea', 'SA2 9EL'), otherHome: at('51 Walter Road', 'Swansea', 'SA1 5PZ'), mobile: '07435 971235', otherMobile: '07953 102353', email: 'bethan.evans@example.cymru', nhsNumber: '4511319243', siblingNhsNumber: '4804808752', niNumber: 'NP 66 30 27 B' },
  { parent: person('Sumaiya', 'Rahman', 'mother'), otherAdult: person('Mohammed', 'Rahman', 'father', { knownAs: ['Mo'] }), child: child('Ayaan', 'Rahman', '2016-12-01', 'son'),
    home: at('39 Vallance Road', 'London', 'E1 5HS'), otherHome: at('11 Cannon Street Road', 'London', 'E1 2LH'), mobile: '07423 150623', otherMobile: '07487 182487', email: 'sumaiya.rahman@example.com', nhsNumber: '5098298261', siblingNhsNumber: '5391787777', niNumber: 'KR 20 17 84 A' },
  { parent: person('Stacey', 'Turner', 'mother'), otherAdult: person('Craig', 'Lomax', 'partner'), child: child('Ellie-Rose', 'Turner', '2019-08-07', 'daughter'),
    home: at('2 Primrose Hill Cottages', 'Oldham', 'OL4 1PB'), otherHome: at('76 Featherstall Road North', 'Oldham', 'OL9 6BA'), mobile: '07922 224923', otherMobile: '07579 069571', email: 'stacey.turner91@example.com', nhsNumber: '5685277288', siblingNhsNumber: '5978766797', niNumber: 'WL 48 02 36 D' },
  { parent: person('Sinéad', "O'Brien", 'mother'), otherAdult: person('Kyle', "O'Brien", 'father'), child: child('Ruby', "O'Brien", '2014-05-23', 'daughter'),
    home: at('19 Harcourt Street', 'Manchester', 'M15 5BD', { district: 'Hulme' }), otherHome: at('3 Ladybarn Lane', 'Manchester', 'M14 6NQ'), mobile: '07973 923174', otherMobile: '07895 834091', email: 'sinead.obrien@example.com', nhsNumber: '4272256300', siblingNhsNumber: '4141192848', niNumber: 'HX 73 19 55 A' },
  { parent: person('Abena', 'Mensah', 'mother'), otherAdult: person('Kwame', 'Asante', 'father'), child: child('Noah', 'Mensah', '2017-06-18', 'son'),
    home: at('88 Peckham Hill Street', 'London', 'SE15 5JT'), otherHome: at('5 Bellenden Road', 'London', 'SE15 4RF'), mobile: '07852 295451', otherMobile: '07894 932891', email: 'abena.mensah@example.com', nhsNumber: '4293612963', siblingNhsNumber: '5408013073', niNumber: 'SN 80 43 12 C' },
  { parent: person('Gemma', 'Walker', 'mother'), otherAdult: person('Lee', 'Parsons', 'partner'), child: child('Freddie', 'Walker', '2021-01-09', 'son'),
    home: at('14 Sandringham Close', 'Norwich', 'NR5 9DS'), otherHome: at('37 Dereham Road', 'Norwich', 'NR2 4HZ'), mobile: '07623 508021', otherMobile: '07860 219661', email: 'gemmawalker@example.co.uk', nhsNumber: '5467571001', siblingNhsNumber: '4054550029', niNumber: 'CT 31 66 08 D' },
  { parent: person('Natalie', 'Grant', 'mother', { knownAs: ['Nat'] }), otherAdult: person('Stephen', 'Grant', 'father'), child: child('Leon', 'Grant', '2013-09-03', 'son'),
    home: at('120 Chatsworth Road', 'Sheffield', 'S17 3QJ'), otherHome: at('9 Abbey Lane', 'Sheffield', 'S8 0BN'), mobile: '07441 767642', otherMobile: '07411 435012', email: 'nat.grant@example.com', nhsNumber: '4641529043', siblingNhsNumber: '5228508066', niNumber: 'GM 09 74 21 B' },
  { parent: person('Anjali', 'Patel', 'mother'), otherAdult: person('Raj', 'Patel', 'father'), child: child('Maya', 'Patel', '2015-04-06', 'daughter'),
    home: at('47 Belgrave Gate', 'Leicester', 'LE1 3HQ'), otherHome: at('18 Melton Road', 'Leicester', 'LE4 5EA'), mobile: '07809 319008', otherMobile: '07832 145431', email: 'anjali.patel@example.com', nhsNumber: '5815487082', siblingNhsNumber: '4402466105', niNumber: 'LH 62 58 03 A' },
  { parent: person('Danielle', 'Robinson', 'mother', { knownAs: ['Dani'] }), otherAdult: person('Jamie', 'Cole', 'father'), child: child('Archie', 'Robinson', '2018-07-27', 'son'),
    home: at('31 Valley Road', 'Nottingham', 'NG5 1FE'), otherHome: at('6 Sherwood Rise', 'Nottingham', 'NG7 6JF'), mobile: '07788 198781', otherMobile: '07456 251651', email: 'dani.robinson@example.com', nhsNumber: '4989445120', siblingNhsNumber: '5702888111', niNumber: 'RE 84 11 59 C' },
  { parent: person('Ana', 'Costa', 'mother'), otherAdult: person('Tiago', 'Costa', 'father'), child: child('Sofia', 'Costa', '2016-02-29', 'daughter'),
    home: at('66 Stockwell Road', 'London', 'SW9 9BY', { flat: 'Flat 2' }), otherHome: at('14 South Lambeth Place', 'London', 'SW8 1SP'), mobile: '07923 667324', otherMobile: '07527 104728', email: 'ana.costa@example.pt', nhsNumber: '4163403167', siblingNhsNumber: '4750382183', niNumber: 'AB 27 93 40 B' },
  { parent: person('Keisha', 'Francis', 'mother'), otherAdult: person('Jerome', 'Francis', 'father'), child: child('Isaac', 'Francis', '2012-12-12', 'son'),
    home: at('4 Gilbert Road', 'Birmingham', 'B21 0PA', { district: 'Handsworth' }), otherHome: at('29 Soho Road', 'Birmingham', 'B21 9SN'), mobile: '07660 692861', otherMobile: '07896 737691', email: 'keisha.francis@example.com', nhsNumber: '5337361201', siblingNhsNumber: '4511319243', niNumber: 'KR 35 60 92 D' },
  { parent: person('Hayley', 'Marsh', 'mother'), otherAdult: person('Jason', 'Marsh', 'father'), child: child('Poppy', 'Marsh', '2020-05-04', 'daughter'),
    home: at('10 Heather Close', 'Basingstoke', 'RG22 4PQ'), otherHome: at('52 Worting Road', 'Basingstoke', 'RG21 8TP'), mobile: '07506 380301', otherMobile: '07457 188851', email: 'hayley.marsh@example.com', nhsNumber: '5924340228', siblingNhsNumber: '5098298261', niNumber: 'WL 90 12 74 C' },
  { parent: person('Shannon', 'Murphy', 'mother'), otherAdult: person('Patrick', 'Murphy', 'father', { knownAs: ['Paddy'] }), child: child('Connor', 'Murphy', '2014-10-31', 'son'),
    home: at('25 Kilburn Park Road', 'London', 'NW6 5XD'), otherHome: at('8 Cambridge Gardens', 'London', 'NW6 4HL'), mobile: '07598 973391', otherMobile: '07507 287501', email: 'shannon.murphy@example.com', nhsNumber: '5685277288', siblingNhsNumber: '4272256300', niNumber: 'JT 77 05 38 C' },
  { parent: person('Monika', 'Jankowska', 'mother'), otherAdult: person('Piotr', 'Jankowski', 'father'), child: child('Ava', 'Jankowski', '2019-11-11', 'daughter'),
    home: at('3 Tennyson Avenue', 'Boston', 'PE21 9BS'), otherHome: at('90 Wide Bargate', 'Boston', 'PE21 6SQ'), mobile: '07602 306201', otherMobile: '07594 910991', email: 'monika.j@example.com', nhsNumber: '4417396205', siblingNhsNumber: '5043871695', niNumber: 'PE 02 84 66 D' },
  { parent: person('Sarah', 'Brown', 'mother'), otherAdult: person('Michael', 'Green', 'father'), child: child('Ethan', 'Brown', '2013-03-08', 'son'),
    home: at('71 Grange Road', 'Middlesbrough', 'TS1 2LR'), otherHome: at('15 Linthorpe Road', 'Middlesbrough', 'TS1 4AG'), mobile: '07926 625721', otherMobile: '07754 138151', email: 'sarahbrown1985@example.com', nhsNumber: '5630850717', siblingNhsNumber: '4108976592', niNumber: 'NP 41 26 93 A' },
  { parent: person('Ngozi', 'Nwosu', 'mother'), otherAdult: person('Chinedu', 'Nwosu', 'father'), child: child('Amara', 'Nwosu', '2017-08-16', 'daughter'),
    home: at('200 Ripple Road', 'Dagenham', 'RM9 6XT', { flat: 'Flat 7, Thames View House' }), otherHome: at('5 Becontree Avenue', 'Dagenham', 'RM8 2UD'), mobile: '07933 949931', otherMobile: '07484 424681', email: 'ngozi.nwosu@example.com', nhsNumber: '4348039534', siblingNhsNumber: '5761060515', niNumber: 'SN 14 58 70 D' },
  { parent: person('Kirsty', 'Hall', 'mother'), otherAdult: person('Dale', 'Hall', 'father'), child: child('Reggie', 'Hall', '2018-01-24', 'son', ['Reg']),
    home: at('48 Wingrove Avenue', 'Newcastle upon Tyne', 'NE4 9BP'), otherHome: at('2 Elswick Road', 'Newcastle upon Tyne', 'NE4 6JH'), mobile: '07435 971231', otherMobile: '07953 102351', email: 'kirsty.hall@example.com', nhsNumber: '4935018550', siblingNhsNumber: '5521997571', niNumber: 'HX 28 44 01 B' },
  { parent: person('Morag', 'Fraser', 'maternal grandmother', { role: 'FAMILY_MEMBER' }), otherAdult: person('Callum', 'Fraser', 'father'), child: child('Skye', 'Fraser', '2015-09-19', 'daughter'),
    home: at('16 Craigentinny Crescent', 'Edinburgh', 'EH7 6QA'), otherHome: at('9 Restalrig Road', 'Edinburgh', 'EH6 8BB'), mobile: '07423 150621', otherMobile: '07487 182481', email: 'morag.fraser@example.scot', nhsNumber: '5272599047', siblingNhsNumber: '4456892676', niNumber: 'CT 58 07 36 A' },
];
