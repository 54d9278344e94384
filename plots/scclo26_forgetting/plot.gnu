set encoding utf8
set terminal pngcairo enhanced size 1400,1000 font 'Sans,12'
# outfile is defined by the program that renders the figure; by hand: plot.png
if (!exists("outfile")) outfile = 'plot.png'
set output outfile
set datafile separator comma
set multiplot layout 2,2
set logscale y
set xlabel 'step k (dashed: fitted C rho^k, C = |x-y|/sqrt(2 pi min q); dotted: coupling bound)'
set ylabel 'TV(Law X_k^x, Law X_k^y)'
set key bottom left font ',9'
set yrange [1e-3:2]
set title '(a) N(0,4), EM, T=1, N=10 (D-28): starts +-r'
plot 'data.csv' index 0 using 1:2 with linespoints lc 1 pt 7 ps 0.6 title 'N(0,4) em T=1 N=10 r=0.5', '' index 0 using 1:4 with lines lc 1 dt 2 notitle, '' index 0 using 1:5 with lines lc 1 dt 3 notitle, \
  'data.csv' index 1 using 1:2 with linespoints lc 2 pt 7 ps 0.6 title 'N(0,4) em T=1 N=10 r=2', '' index 1 using 1:4 with lines lc 2 dt 2 notitle, '' index 1 using 1:5 with lines lc 2 dt 3 notitle, \
  'data.csv' index 2 using 1:2 with linespoints lc 3 pt 7 ps 0.6 title 'N(0,4) em T=1 N=10 r=8', '' index 2 using 1:4 with lines lc 3 dt 2 notitle, '' index 2 using 1:5 with lines lc 3 dt 3 notitle
set title '(b) N(0,4), EM, T=3, N=30, r=2: score errors'
plot 'data.csv' index 3 using 1:2 with linespoints lc 1 pt 7 ps 0.6 title 'N(0,4) em T=3 N=30 r=2 delta=-0.2', '' index 3 using 1:4 with lines lc 1 dt 2 notitle, '' index 3 using 1:5 with lines lc 1 dt 3 notitle, \
  'data.csv' index 4 using 1:2 with linespoints lc 2 pt 7 ps 0.6 title 'N(0,4) em T=3 N=30 r=2 delta=0', '' index 4 using 1:4 with lines lc 2 dt 2 notitle, '' index 4 using 1:5 with lines lc 2 dt 3 notitle, \
  'data.csv' index 5 using 1:2 with linespoints lc 3 pt 7 ps 0.6 title 'N(0,4) em T=3 N=30 r=2 delta=0.2', '' index 5 using 1:4 with lines lc 3 dt 2 notitle, '' index 5 using 1:5 with lines lc 3 dt 3 notitle, \
  'data.csv' index 6 using 1:2 with linespoints lc 4 pt 7 ps 0.6 title 'N(0,4) em T=3 N=30 r=2 eps=0.5 (= delta 0)', '' index 6 using 1:4 with lines lc 4 dt 2 notitle, '' index 6 using 1:5 with lines lc 4 dt 3 notitle
set title '(c) 1/2 N(+-2, 0.25), EM, T=3, N=30 (grid): starts +-r'
plot 'data.csv' index 7 using 1:2 with linespoints lc 1 pt 7 ps 0.6 title 'pair +-2 var 0.25 em T=3 N=30 r=0.5', '' index 7 using 1:4 with lines lc 1 dt 2 notitle, '' index 7 using 1:5 with lines lc 1 dt 3 notitle, \
  'data.csv' index 8 using 1:2 with linespoints lc 2 pt 7 ps 0.6 title 'pair +-2 var 0.25 em T=3 N=30 r=2', '' index 8 using 1:4 with lines lc 2 dt 2 notitle, '' index 8 using 1:5 with lines lc 2 dt 3 notitle, \
  'data.csv' index 9 using 1:2 with linespoints lc 3 pt 7 ps 0.6 title 'pair +-2 var 0.25 em T=3 N=30 r=8', '' index 9 using 1:4 with lines lc 3 dt 2 notitle, '' index 9 using 1:5 with lines lc 3 dt 3 notitle
set title '(d) 1/2 N(+-2, 0.25), T=3, N=30, r=2: eps and EIR'
plot 'data.csv' index 10 using 1:2 with linespoints lc 1 pt 7 ps 0.6 title 'pair +-2 var 0.25 em T=3 N=30 r=2 eps=0', '' index 10 using 1:4 with lines lc 1 dt 2 notitle, '' index 10 using 1:5 with lines lc 1 dt 3 notitle, \
  'data.csv' index 11 using 1:2 with linespoints lc 2 pt 7 ps 0.6 title 'pair +-2 var 0.25 em T=3 N=30 r=2 eps=0.5', '' index 11 using 1:4 with lines lc 2 dt 2 notitle, '' index 11 using 1:5 with lines lc 2 dt 3 notitle, \
  'data.csv' index 12 using 1:2 with linespoints lc 3 pt 7 ps 0.6 title 'pair +-2 var 0.25 em T=3 N=30 r=2 eps=1', '' index 12 using 1:4 with lines lc 3 dt 2 notitle, '' index 12 using 1:5 with lines lc 3 dt 3 notitle, \
  'data.csv' index 13 using 1:2 with linespoints lc 4 pt 7 ps 0.6 title 'pair +-2 var 0.25 eir T=3 N=30 r=2', '' index 13 using 1:4 with lines lc 4 dt 2 notitle, '' index 13 using 1:5 with lines lc 4 dt 3 notitle
unset multiplot
